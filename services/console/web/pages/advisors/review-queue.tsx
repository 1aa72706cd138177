// 待审核: the judicial office's months awaiting review (its own township's villages; the district sees all its
// townships), sorted and paged by the service.
import { call } from '../../api.js';
import { queryOf } from '../../router.js';
import { PlaceholderRows, ProblemNote, useLoad } from '../../ui.js';
import { Pager } from './pager.js';
import type { Page } from './shapes.js';
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

const LIMIT = 20;
const sorts = [
  { key: 'month', label: '月份（早的在前）' },
  { key: '-month', label: '月份（近的在前）' },
  { key: 'returned', label: '退回未更正多的在前' },
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
  const query = queryOf(props.path);
  const sort = query.get('sort') ?? 'month';
  const offset = Number(query.get('offset') ?? '0') || 0;
  const href = (s: string, o: number) => `#/advisors/review?sort=${s}${o ? `&offset=${o}` : ''}`;
  const { loaded } = useLoad(() => call<{ items: QueueItem[] } & Page>('advisors', `/review-queue?sort=${encodeURIComponent(sort)}&limit=${LIMIT}&offset=${offset}`), `${sort}/${offset}`);
  const items = loaded.state === 'ok' ? loaded.data.items : [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>待审核台账</h1>
        <AdvisorsNav />
      </div>
      <div class="filters" role="group" aria-label="排序">
        {sorts.map((s) => (
          <a key={s.key} href={href(s.key, 0)} class={`chip${sort === s.key ? ' on' : ''}`} aria-current={sort === s.key ? 'true' : undefined}>
            {s.label}
          </a>
        ))}
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="待审核清单" />}
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <th scope="col">村（社区）</th>
            <th scope="col">月份</th>
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
      <Pager page={loaded.state === 'ok' ? loaded.data : undefined} limit={LIMIT} hrefAt={(o) => href(sort, o)} />
    </section>
  );
}
