// 待办工单: open orders by their next deadline (the service sorts and pages; a header sorts by its
// column), overdue and due today marked.
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortHeader, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import { PlaceholderRows, ProblemNote, useLoad, when } from '../../ui.js';
import { categoryNames, statusNames } from './words.js';

interface Entry {
  workOrderId: string;
  externalNumber: string;
  category: string;
  status: string;
  dueAt: string;
  dueKind: 'sign_for' | 'reply';
  assigneeStaffId: string | null;
  returnPending: boolean;
  extensionPending: boolean;
  overdue: boolean;
  dueToday: boolean;
  provisionalYears: number[];
}

interface Worklist extends PageAnswer {
  now: string;
  entries: Entry[];
  warnings: Array<{ message: string }>;
}

const filters = [
  { key: '', label: '全部' },
  { key: 'overdue', label: '已超期' },
  { key: 'dueToday', label: '今日到期' },
] as const;

export function HotlineWorklistPage(props: { path: string }) {
  const show = queryOf(props.path).get('show') ?? '';
  const list = listStateOf(props.path, 'dueAt');
  const filter: Record<string, string> = show === 'overdue' ? { overdue: 'true' } : show === 'dueToday' ? { dueToday: 'true' } : {};
  const query = `?${new URLSearchParams({ ...filter, ...pagingParams(list) })}`;
  const { loaded } = useLoad(() => call<Worklist>('hotline', `/worklist${query}`), query);
  const entries = loaded.state === 'ok' ? loaded.data.entries : [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>待办工单</h1>
        <nav class="sub" aria-label="工单">
          <a href="#/hotline/dead-letters">推送失败（死信）</a>
          <a href="#/hotline/figures">本月指标</a>
        </nav>
      </div>
      <div class="filters" role="group" aria-label="筛选">
        {filters.map((f) => (
          <a key={f.key} href={`#${pathWith(props.path, { show: f.key || undefined, cursor: undefined })}`} class={`chip${show === f.key ? ' on' : ''}`} aria-current={show === f.key ? 'true' : undefined}>
            {f.label}
          </a>
        ))}
      </div>
      {loaded.state === 'ok' && loaded.data.warnings.map((w) => <p class="warning">{w.message}</p>)}
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="工单清单" />}
      <table class="list" data-state={loaded.state}>
        <thead>
          <tr>
            <SortHeader path={props.path} state={list} field="externalNumber" label="工单号" />
            <th scope="col">类别</th>
            <th scope="col">状态</th>
            <SortHeader path={props.path} state={list} field="dueAt" label="下一时限" />
            <th scope="col">承办人</th>
            <th scope="col">提示</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={6} />}
          {loaded.state === 'ok' && entries.length === 0 && (
            <tr>
              <td colSpan={6} class="empty">
                没有待办工单。
              </td>
            </tr>
          )}
          {entries.map((e) => (
            <tr key={e.workOrderId} class={e.overdue ? 'overdue' : e.dueToday ? 'due-today' : ''} data-order={e.externalNumber}>
              <td>
                <a href={`#/hotline/orders/${e.workOrderId}`} onClick={(ev) => { ev.preventDefault(); go(`/hotline/orders/${e.workOrderId}`); }}>
                  {e.externalNumber}
                </a>
              </td>
              <td>{categoryNames[e.category] ?? e.category}</td>
              <td>{statusNames[e.status] ?? e.status}</td>
              <td>
                {e.dueKind === 'sign_for' ? '签收 ' : '答复 '}
                {when(e.dueAt)}
                {e.provisionalYears.length > 0 && <span class="tag" title="该年度官方日历尚未导入，时限按周一至周五暂计">暂计</span>}
              </td>
              <td>{e.assigneeStaffId ?? '—'}</td>
              <td>
                {e.overdue && <span class="tag bad">已超期</span>}
                {!e.overdue && e.dueToday && <span class="tag warn">今日到期</span>}
                {e.returnPending && <span class="tag">退单待批</span>}
                {e.extensionPending && <span class="tag">延期待批</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager path={props.path} page={loaded.state === 'ok' ? loaded.data : undefined} unit="张" />
    </section>
  );
}
