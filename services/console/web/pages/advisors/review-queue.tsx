// 待审核: the judicial office's months awaiting review (its own township's villages; the district sees all its
// townships), sorted and paged by the service.
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, SortChip, SortHeader, type PageAnswer } from '../../paging.js';
import { PlaceholderRows, ProblemNote, useLoad } from '../../ui.js';
import { ledgerStatusNames, outcomeNames } from './words.js';

interface QueueItem {
  villageId: string;
  name: string;
  month: string;
  status: string;
  monthEnded: boolean;
  entries: number;
  returnedOutstanding: number;
  resubmitted: number;
  onSite: 'met' | 'short' | 'excused';
}

const sorts = [
  { key: 'month', label: '月份（早的在前）' },
  { key: '-month', label: '月份（近的在前）' },
  { key: '-returned', label: '退回未更正多的在前' },
] as const;

export function AdvisorsNav() {
  return (
    <nav class="sub" aria-label="村居法律顾问">
      <a href="#/advisors/review">待审核</a>
      <a href="#/advisors/on-site">驻点时长</a>
    </nav>
  );
}

export function ReviewQueuePage(props: { path: string }) {
  const list = listStateOf(props.path, 'month');
  const query = `?${new URLSearchParams(pagingParams(list))}`;
  const { loaded } = useLoad(() => call<{ items: QueueItem[] } & PageAnswer>('advisors', `/review-queue${query}`), query);
  const items = loaded.state === 'ok' ? loaded.data.items : [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>待审核台账</h1>
        <AdvisorsNav />
      </div>
      <div class="filters" role="group" aria-label="排序">
        {sorts.map((s) => (
          <SortChip key={s.key} path={props.path} state={list} sort={s.key} label={s.label} />
        ))}
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="待审核清单" />}
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <th scope="col">村（社区）</th>
            <SortHeader path={props.path} state={list} field="month" label="月份" />
            <th scope="col">状态</th>
            <th scope="col" class="num">记录</th>
            <th scope="col" class="num">退回未更正</th>
            <th scope="col" class="num">已更正待复核</th>
            <th scope="col">驻点时长</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={7} rows={5} />}
          {loaded.state === 'ok' && items.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                没有待审核的台账。
              </td>
            </tr>
          )}
          {items.map((i) => (
            <tr key={`${i.villageId}/${i.month}`} data-queue={`${i.villageId}/${i.month}`} class={i.returnedOutstanding ? 'due-today' : ''}>
              <td>
                <a href={`#/advisors/ledger/${i.villageId}/${i.month}`}>{i.name}</a>
              </td>
              <td>
                {i.month}
                {i.monthEnded ? '' : <span class="tag">未结束</span>}
              </td>
              <td>{ledgerStatusNames[i.status] ?? i.status}</td>
              <td class="num">{i.entries}</td>
              <td class="num">{i.returnedOutstanding || '—'}</td>
              <td class="num">{i.resubmitted || '—'}</td>
              <td>{i.onSite === 'short' ? <span class="tag bad">不足</span> : <span class={`tag${i.onSite === 'met' ? ' ok' : ''}`}>{outcomeNames[i.onSite]}</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path={props.path} page={loaded.state === 'ok' ? loaded.data : undefined} unit="份" />
    </section>
  );
}
