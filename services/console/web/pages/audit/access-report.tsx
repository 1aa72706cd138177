// 访问记录: who looked at which case, when, in which view, and which personal-data fields they were shown or
// had masked, for a period of days (at most 92): a district's auditor sees the views of their district's
// cases, the city's all.
import { call } from '../../api.js';
import { go, queryOf } from '../../router.js';
import { roleNames } from '../../roles.js';
import { ListTable, type ListColumn } from '../../list-table.js';
import { ProblemNote, useLoad, when } from '../../ui.js';
import { caseKinds } from './case-history.js';

interface View {
  viewId: string;
  viewer: { id: string; role: string; organisation: string };
  caseKind: string;
  caseId: string;
  view: string;
  unmasked: boolean;
  personalDataShown: string[];
  personalDataMasked: string[];
  viewedAt: string;
}

const viewNames: Readonly<Record<string, string>> = {
  history: '查看历史', 'as-of': '查看某时点状态', diff: '比较两个时点', verification: '校验', links: '关联案件',
  'export-jsonl': '导出 JSON Lines', 'report-html': '导出报告（HTML）', 'report-pdf': '导出报告（PDF）',
};

const viewColumns: readonly ListColumn[] = [
  { label: '时间', width: '15%' },
  { label: '查看人', width: '22%' },
  { label: '案件', width: '24%' },
  { label: '方式', width: '13%' },
  { label: '个人信息', width: '26%' },
];

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

export function AccessReportPage(props: { path: string }) {
  const query = queryOf(props.path);
  const from = query.get('from') ?? daysAgo(6);
  const to = query.get('to') ?? today();
  const key = `${from}/${to}`;
  const { loaded } = useLoad(() => call<{ views: View[] }>('audit', `/access-log?from=${from}&to=${to}`), key);
  const views = loaded.state === 'ok' ? [...loaded.data.views].reverse() : undefined;
  const to_ = (f: string, t: string) => go(`/audit/access-log?from=${f}&to=${t}`);
  return (
    <section class="page">
      <div class="page-head">
        <h1>访问记录</h1>
        <a href="#/audit">← 查找案件</a>
      </div>
      <p class="row-actions">
        <label class="inline-label">
          从 <input type="date" value={from} onChange={(e) => to_((e.target as HTMLInputElement).value, to)} />
        </label>
        <label class="inline-label">
          到 <input type="date" value={to} onChange={(e) => to_(from, (e.target as HTMLInputElement).value)} />
        </label>
        <span class="muted">最长 92 天；列出您职责范围内案件的每次查看，最新的在前。</span>
        <span class="count" data-views={views?.length ?? ''}>
          {views ? `共 ${views.length} 次` : ''}
        </span>
      </p>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这段时间的访问记录" />}
      <ListTable
        class="access-log"
        columns={viewColumns}
        items={views}
        loading={loaded.state === 'loading'}
        empty="这段时间没有查看记录"
        row={(v) => (
          <tr key={v.viewId} data-view={v.view} data-viewer={v.viewer.id} data-case={v.caseId}>
            <td>{when(v.viewedAt)}</td>
            <td>
              {v.viewer.id}
              <br />
              <small class="muted">
                {roleNames[v.viewer.role] ?? v.viewer.role} · {v.viewer.organisation}
              </small>
            </td>
            <td>
              {caseKinds[v.caseKind as keyof typeof caseKinds] ?? v.caseKind} <a href={`#/audit/${v.caseKind}/${encodeURIComponent(v.caseId)}`}>{v.caseId}</a>
            </td>
            <td>{viewNames[v.view] ?? v.view}</td>
            <td>
              {v.personalDataShown.length > 0 && <span class="tag bad">已显示：{v.personalDataShown.join('、')}</span>}
              {v.personalDataMasked.length > 0 && <span class="tag">已脱敏：{v.personalDataMasked.join('、')}</span>}
              {v.personalDataShown.length + v.personalDataMasked.length === 0 && <span class="muted">无</span>}
            </td>
          </tr>
        )}
      />
    </section>
  );
}
