// 待办清单: the station's or the district's open files as the service orders them (green channel first,
// then overdue, then the next deadline; a header sorts by its column), a page at a time, with the lists
// a clerk asks for and a search. The service filters, sorts, pages and counts.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { listStateOf, Pager, pagingParams, pathWith, SortHeader, type PageAnswer } from '../../paging.js';
import { go, queryOf } from '../../router.js';
import { day, PlaceholderRows, ProblemNote, useLoad, when } from '../../ui.js';
import { dueKindNames, fileStatusNames, matterNames } from './words.js';

interface Entry {
  caseId: string;
  applicationNumber: string | null;
  status: string;
  transferredFrom: string | null;
  matterType: string | null;
  greenChannel: boolean;
  recipientName: string | null;
  receivedAt: string;
  nextDueAt: string | null;
  nextDueKind: string | null;
  overdue: boolean;
}

const views = [
  { key: '', label: '全部在办', query: {} },
  { key: 'dueToday', label: '今日到期', query: { dueToday: 'true' } },
  { key: 'overdue', label: '已超期', query: { overdue: 'true' } },
  { key: 'materials', label: '待补材料', query: { waitingForMaterials: 'true' } },
  { key: 'transferred', label: '移送转入', query: { transferredIn: 'true' } },
] as const;

/** Whether a deadline (24:00 of its day: as an instant, the next day's 00:00) is today's in Beijing. */
const isToday = (iso: string | null, now: string) => iso !== null && day(new Date(Date.parse(iso) - 1).toISOString()) === day(now);

export function IntakeWorklistPage(props: { path: string }) {
  const params = queryOf(props.path);
  const view = views.find((v) => v.key === (params.get('show') ?? '')) ?? views[0];
  const search = params.get('q') ?? '';
  const [typed, setTyped] = useState(search);
  // The search has its own sorts (newest first); the worklist's default is the service's order.
  const list = listStateOf(props.path, search ? '-receivedAt' : 'nextDueAt');
  const path = search
    ? `/search?${new URLSearchParams({ ...(/^[\d\s]*$/.test(search) || /法援|〔/.test(search) ? { applicationNumber: search } : { name: search }), ...pagingParams(list) })}`
    : `/worklist?${new URLSearchParams({ ...view.query, ...pagingParams(list) })}`;
  const { loaded } = useLoad(() => call<{ entries: Entry[]; now?: string } & PageAnswer>('legal-aid', path), path);
  const now = loaded.state === 'ok' ? loaded.data.now ?? new Date().toISOString() : new Date().toISOString();
  const entries = loaded.state === 'ok' ? loaded.data.entries : [];
  return (
    <section class="page">
      <div class="page-head">
        <h1>法律援助待办清单</h1>
        <a class="button primary" href="#/intake/new">
          受理新申请
        </a>
      </div>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          go(typed.trim() ? `/intake?q=${encodeURIComponent(typed.trim())}` : '/intake');
        }}
      >
        <label for="search-box">查找</label>
        <input id="search-box" type="search" placeholder="申请编号，或受援人姓名（至少两个字）" value={typed} onInput={(e) => setTyped((e.target as HTMLInputElement).value)} />
        <button type="submit">查找</button>
      </form>
      {!search && (
        <div class="filters" role="group" aria-label="清单">
          {views.map((v) => (
            <a key={v.key} href={`#${pathWith(props.path, { show: v.key || undefined, cursor: undefined })}`} class={`chip${view.key === v.key ? ' on' : ''}`} aria-current={view.key === v.key ? 'true' : undefined}>
              {v.label}
            </a>
          ))}
        </div>
      )}
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="申请清单" />}
      <table class="list">
        <colgroup>
          <col style="width: 20%" />
          <col style="width: 10%" />
          <col style="width: 22%" />
          <col style="width: 13%" />
          <col style="width: 20%" />
          <col style="width: 15%" />
        </colgroup>
        <thead>
          <tr>
            <SortHeader path={props.path} state={list} field="applicationNumber" label="申请编号" />
            <th scope="col">受援人</th>
            <th scope="col">事项</th>
            <th scope="col">状态</th>
            {search ? <SortHeader path={props.path} state={list} field="receivedAt" label="受理时间" /> : <SortHeader path={props.path} state={list} field="nextDueAt" label="下一期限" />}
            <th scope="col">提示</th>
          </tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={6} />}
          {loaded.state === 'ok' && entries.length === 0 && (
            <tr>
              <td colSpan={6} class="empty">
                {search ? '没有找到。' : '清单为空。'}
              </td>
            </tr>
          )}
          {entries.map((e) => {
            const today = !e.overdue && isToday(e.nextDueAt, now);
            return (
              <tr key={e.caseId} data-case={e.applicationNumber ?? e.caseId} class={e.overdue ? 'overdue' : today ? 'due-today' : e.greenChannel ? 'green' : ''}>
                <td>
                  <a href={`#/intake/files/${e.caseId}`}>{e.applicationNumber ?? '（通知辩护）'}</a>
                </td>
                <td>{e.recipientName ?? '—'}</td>
                <td>{e.matterType ? matterNames[e.matterType] ?? e.matterType : '—'}</td>
                <td>{fileStatusNames[e.status] ?? e.status}</td>
                <td>
                  {search ? when(e.receivedAt) : `${e.nextDueKind ? `${dueKindNames[e.nextDueKind] ?? e.nextDueKind} ` : ''}${when(e.nextDueAt)}`}
                </td>
                <td>
                  {e.greenChannel && <span class="tag ok">绿色通道</span>}
                  {e.overdue && <span class="tag bad">已超期</span>}
                  {today && <span class="tag warn">今日到期</span>}
                  {e.transferredFrom && <span class="tag">移送转入</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Pager path={props.path} page={loaded.state === 'ok' ? loaded.data : undefined} unit="件" />
    </section>
  );
}
