// 法律顾问与聘任: a district's register of village advisors (advisors service) and each village's
// appointments. The district's administrator keeps them; the city's administrator reads any district.
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortChip, SortHeader, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import type { Session } from '../../session.js';
import { PlaceholderRows, ProblemNote, useLoad } from '../../ui.js';
import { VillageAppointments, type Advisor } from './appointments.js';
import { AdminNav } from './nav.js';
import { districtOf, organisations } from './registry.js';

export function AdvisorsPage(props: { path: string; session: Session }) {
  const { role, org } = props.session.claims;
  const city = role === 'city_administrator';
  const registry = useLoad(() => organisations(), 'organisations');
  const all = registry.loaded.state === 'ok' ? registry.loaded.data.items : undefined;
  const query = queryOf(props.path);
  const districts = all?.filter((o) => o.kind === 'district') ?? [];
  const districtId = query.get('district') || (city ? districts[0]?.id : all && districtOf(all, org)?.id) || '';
  const villages = all?.filter((o) => o.kind === 'village' && !o.closed && districtOf(all, o.id)?.id === districtId) ?? [];
  const villageId = query.get('village') || villages[0]?.id || '';
  const list = listStateOf(props.path, 'registered');
  const page = new URLSearchParams(pagingParams(list)).toString();
  const { loaded } = useLoad(
    () => (districtId ? call<{ advisors: Advisor[] } & PageAnswer>('advisors', `/districts/${encodeURIComponent(districtId)}/advisors?${page}`) : new Promise(() => undefined)),
    `${districtId}?${page}`,
  );
  // The appointment form offers every advisor on the register, not only this page's.
  const active = useLoad(
    () => (districtId ? call<{ advisors: Advisor[] }>('advisors', `/districts/${encodeURIComponent(districtId)}/advisors?status=active&sort=name&limit=200`) : new Promise(() => undefined)),
    districtId,
  );
  const advisors = loaded.state === 'ok' ? loaded.data.advisors : [];
  const village = villages.find((v) => v.id === villageId);
  return (
    <section class="page">
      <div class="page-head">
        <h1>法律顾问与聘任</h1>
        <AdminNav current="#/admin/advisors" />
      </div>
      <div class="filters" role="group" aria-label="区与村（社区）">
        {city && (
          <label class="inline-label">
            区
            <select value={districtId} onChange={(e) => go(pathWith(props.path, { district: (e.target as HTMLSelectElement).value, village: undefined, cursor: undefined }))}>
              {districts.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
            </select>
          </label>
        )}
        <label class="inline-label">
          村（社区）
          <select value={villageId} onChange={(e) => go(pathWith(props.path, { village: (e.target as HTMLSelectElement).value }))}>
            {villages.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
          </select>
        </label>
      </div>
      <h2>法律顾问名册</h2>
      <div class="filters" role="group" aria-label="名册排序">
        <SortChip path={props.path} state={list} sort="registered" label="按登记顺序" />
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这份法律顾问名册" />}
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <th scope="col">编号</th>
            <SortHeader path={props.path} state={list} field="name" label="姓名" />
            <SortHeader path={props.path} state={list} field="firm" label="律师事务所" />
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={4} rows={3} />}
          {loaded.state === 'ok' && advisors.length === 0 && <tr><td colSpan={4} class="empty">名册中还没有法律顾问。</td></tr>}
          {advisors.map((a) => (
            <tr key={a.advisorId} data-advisor={a.advisorId}>
              <td><code>{a.advisorId}</code></td>
              <td>{a.name}</td>
              <td>{a.firm}</td>
              <td>{a.status === 'active' ? <span class="tag ok">在册</span> : <span class="tag">已移出</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path={props.path} page={loaded.state === 'ok' ? loaded.data : undefined} unit="名" />
      {/* Drawn once the register above has its rows: drawn beneath placeholder rows, it would jump up as they went. */}
      {village && loaded.state !== 'loading' && active.loaded.state === 'ok' && (
        <VillageAppointments key={village.id} villageId={village.id} villageName={village.name} advisors={active.loaded.data.advisors} keeper={role === 'administrator'} />
      )}
    </section>
  );
}
