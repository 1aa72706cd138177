// 待审核: the judicial office's months awaiting review (its own township's villages; the district sees all its
// townships), sorted and paged by the service.
import { call } from '../../api.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { listStateOf, pagingParams, SortChip, type PageAnswer } from '../../paging.js';
import { ProblemNote, useLoad } from '../../ui.js';
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

const queueColumns: readonly ListColumn[] = [
  { label: '村（社区）', width: '20%' },
  { label: '月份', width: '14%', sort: 'month' },
  { label: '状态', width: '12%' },
  { label: '记录', width: '10%', class: 'num' },
  { label: '退回未更正', width: '13%', class: 'num' },
  { label: '已更正待复核', width: '14%', class: 'num' },
  { label: '驻点时长', width: '17%' },
];

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
      <ListTable
        columns={queueColumns}
        items={loaded.state === 'ok' ? items : undefined}
        loading={loaded.state === 'loading'}
        placeholderRows={5}
        empty="没有待审核的台账。"
        sorting={{ path: props.path, state: list }}
        pager={{ path: props.path, page: loaded.state === 'ok' ? loaded.data : undefined, unit: '份' }}
        row={(i) => (
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
        )}
      />
    </section>
  );
}
