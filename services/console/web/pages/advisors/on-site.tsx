// 驻点时长: every village in reach for a month, its on-site hours against the minimum (met, short, excused),
// each advisor's share; the shortfalls first when asked. Sorted, filtered and paged by the service.
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortHeader, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import { PlaceholderRows, ProblemNote, thisMonth, useLoad } from '../../ui.js';
import { AdvisorShares } from './advisor-name.js';
import { AdvisorsNav } from './review-queue.js';
import type { OnSite } from './shapes.js';
import { hours, ledgerStatusNames, outcomeNames } from './words.js';

interface VillageOnSite extends OnSite {
  villageId: string;
  name: string;
  status: string;
}

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
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <SortHeader path={props.path} state={list} field="village" label="村（社区）" />
            <th scope="col">台账</th>
            <th scope="col" class="num">驻点 / 应达</th>
            <th scope="col">结果</th>
            <SortHeader path={props.path} state={list} field="short" label="差" class="num" />
            <th scope="col">各顾问驻点</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={7} rows={5} />}
          {loaded.state === 'ok' && villages.length === 0 && (
            <tr>
              <td colSpan={7} class="empty">
                没有符合条件的村（社区）。
              </td>
            </tr>
          )}
          {villages.map((v) => (
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
          ))}
        </tbody>
      </table>
      <Pager path={props.path} page={loaded.state === 'ok' ? loaded.data : undefined} unit="个村（社区）" />
    </section>
  );
}
