// 驻点时长: every village in reach for a month, its on-site hours against the minimum (met, short, excused),
// each advisor's share; the shortfalls first when asked. Sorted, filtered and paged by the service.
import { call } from '../../api.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { listStateOf, pagingParams, pathWith, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import { ProblemNote, thisMonth, useLoad } from '../../ui.js';
import { AdvisorShares } from './advisor-name.js';
import { AdvisorsNav } from './review-queue.js';
import type { OnSite } from './shapes.js';
import { hours, ledgerStatusNames, outcomeNames } from './words.js';

interface VillageOnSite extends OnSite {
  villageId: string;
  name: string;
  status: string;
}

const onSiteColumns: readonly ListColumn[] = [
  { label: '村（社区）', width: '15%', sort: 'village' },
  { label: '台账', width: '10%' },
  { label: '驻点 / 应达', width: '15%', class: 'num' },
  { label: '结果', width: '9%' },
  { label: '差', width: '9%', sort: 'short', class: 'num' },
  { label: '各顾问驻点', width: '22%' },
  { label: '说明', width: '20%' },
];

export function OnSitePage(props: { path: string }) {
  const query = queryOf(props.path);
  const month = query.get('month') ?? thisMonth();
  const outcome = query.get('outcome') ?? '';
  // The shortfalls first unless asked otherwise; a change of month or outcome starts again at the first page.
  const list = listStateOf(props.path, '-short');
  const href = (changes: Record<string, string | undefined>) => `#${pathWith(props.path, { ...changes, cursor: undefined })}`;
  const ask = `/on-site/${encodeURIComponent(month)}?${new URLSearchParams({ ...pagingParams(list), ...(outcome ? { outcome } : {}) })}`;
  const { loaded } = useLoad(() => call<{ villages: VillageOnSite[] } & PageAnswer>('advisors', ask), ask);
  const villages = loaded.state === 'ok' ? loaded.data.villages : [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>驻点时长</h1>
        <AdvisorsNav />
      </div>
      <div class="filters" role="group" aria-label="筛选">
        <label class="inline-label">
          月份
          <input type="month" value={month} onChange={(e) => go(href({ month: (e.target as HTMLInputElement).value }).slice(1))} />
        </label>
        {[['', '全部'], ['short', '不足'], ['excused', '已说明'], ['met', '达标']].map(([key = '', label]) => (
          <a key={key} href={href({ outcome: key || undefined })} class={`chip${outcome === key ? ' on' : ''}`}>
            {label}
          </a>
        ))}
      </div>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="驻点时长" />}
      <ListTable
        columns={onSiteColumns}
        items={loaded.state === 'ok' ? villages : undefined}
        loading={loaded.state === 'loading'}
        placeholderRows={5}
        empty="没有符合条件的村（社区）。"
        sorting={{ path: props.path, state: list }}
        pager={{ path: props.path, page: loaded.state === 'ok' ? loaded.data : undefined, unit: '个村（社区）' }}
        row={(v) => (
          <tr key={v.villageId} data-on-site={v.villageId} class={v.outcome === 'short' ? 'overdue' : ''}>
            <td>
              <a href={`#/advisors/ledger/${v.villageId}/${month}`}>{v.name}</a>
            </td>
            <td>{ledgerStatusNames[v.status] ?? v.status}</td>
            <td class="num">
              {hours(v.onSiteMinutes)} / {hours(v.minimumMinutes)}
            </td>
            <td>
              <span class={`tag${v.outcome === 'short' ? ' bad' : v.outcome === 'met' ? ' ok' : ''}`}>{outcomeNames[v.outcome]}</span>
            </td>
            <td class="num">{v.shortByMinutes ? hours(v.shortByMinutes) : '—'}</td>
            <td data-shares>
              <AdvisorShares shares={v.byAdvisor} />
            </td>
            <td>{v.excuse ? v.excuse.reason : '—'}</td>
          </tr>
        )}
      />
    </section>
  );
}
