// 我的台账: an advisor's villages (their appointments) with this month's and last month's ledgers, and where
// to log a service or import a spreadsheet.
import { call } from '../../api.js';
import { PlaceholderRows, ProblemNote, thisMonth, useLoad } from '../../ui.js';
import type { MyAppointment } from './shapes.js';

function previousMonth(month: string): string {
  const [y = 0, m = 1] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function MyVillagesPage() {
  const { loaded } = useLoad(() => call<{ appointments: MyAppointment[] }>('advisors', '/my-appointments'), 'mine');
  const now = thisMonth();
  const last = previousMonth(now);
  return (
    <section class="page">
      <div class="page-head">
        <h1>我的台账</h1>
        <nav class="sub" aria-label="法律顾问">
          <a class="button primary" href="#/advisors/log">
            登记服务
          </a>
          <a href="#/advisors/import">导入表格</a>
        </nav>
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="您的聘任" />}
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <th scope="col">村（社区）</th>
            <th scope="col">聘期</th>
            <th scope="col">本月台账</th>
            <th scope="col">上月台账</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={5} rows={3} />}
          {loaded.state === 'ok' && loaded.data.appointments.length === 0 && (
            <tr>
              <td colSpan={5} class="empty">
                名册上没有您的聘任。如有疑问，请联系区司法局管理员。
              </td>
            </tr>
          )}
          {loaded.state === 'ok' &&
            loaded.data.appointments.map((a) => (
              <tr key={`${a.villageId}/${a.from}`} data-village={a.villageId}>
                <td>{a.name}</td>
                <td>
                  {a.from} 至 {a.endedOn ?? a.to}
                  {a.endedOn ? '（已提前结束）' : ''}
                </td>
                <td>
                  <a href={`#/advisors/ledger/${a.villageId}/${now}`}>{now}</a>
                </td>
                <td>
                  <a href={`#/advisors/ledger/${a.villageId}/${last}`}>{last}</a>
                </td>
                <td>
                  <a href={`#/advisors/log?village=${a.villageId}`}>在此登记</a>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
