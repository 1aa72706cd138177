// 审计：案件历史. Find a case; its history with the state after each event, stepped through with a slider
// (the arrow keys move it) or the buttons; two points compared field by field; the chain's verdict badge
// and the anchor it was checked against. Each view is recorded by the audit service (its access report).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { go } from '../../router.js';
import { ProblemNote, useLoad, when } from '../../ui.js';
import { eventNames } from '../hotline/words.js';
import { CaseExports } from './exports.js';

interface Change {
  path: string;
  change: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}
interface Entry {
  revision: string;
  type: string;
  actor: { id: string; role: string; organisation: string } | null;
  occurredAt: string | null;
  recordedAt: string;
  hash: string;
  changes: Change[];
  state?: unknown;
}
interface History {
  totalEvents: number;
  personalDataMasked: boolean;
  entries: Entry[];
}
interface Verdict {
  intact: boolean;
  events: number;
  anchor: { anchorId: string; createdAt: string; anchoredRevision: string } | null;
  findings: Array<{ revision: string; detail: string }>;
}
interface Diff {
  fromRevision: string;
  toRevision: string;
  changes: Change[];
  events: Array<{ revision: string; type: string }>;
}

export const caseKinds = { 'work-order': '12345 工单', 'legal-aid': '法律援助卷宗', 'advisor-ledger': '法律顾问台账' } as const;

const shown = (value: unknown) => (value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

function Changes(props: { changes: Change[] }) {
  if (props.changes.length === 0) return <p class="muted">没有字段变化。</p>;
  return (
    <table class="list changes">
      <colgroup>
        <col style="width: 30%" />
        <col style="width: 35%" />
        <col style="width: 35%" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">字段</th>
          <th scope="col">之前</th>
          <th scope="col">之后</th>
        </tr>
      </thead>
      <tbody>
        {props.changes.map((c) => (
          <tr key={c.path} data-change={c.path}>
            <td>
              <code>{c.path}</code>
            </td>
            <td>{c.change === 'added' ? '（无）' : shown(c.before)}</td>
            <td>{c.change === 'removed' ? '（删除）' : shown(c.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VerdictBadge(props: { kind: string; caseId: string }) {
  const { loaded } = useLoad(() => call<Verdict>('audit', `/cases/${props.kind}/${encodeURIComponent(props.caseId)}/verification`), `${props.kind}/${props.caseId}`);
  if (loaded.state === 'loading') return <span class="badge">校验中…</span>;
  if (loaded.state === 'problem') return <span class="badge">无法校验</span>;
  const v = loaded.data;
  return (
    <span class={`badge ${v.intact ? 'ok' : 'bad'}`} data-verdict={v.intact ? 'intact' : 'broken'} title={v.findings.map((f) => `#${f.revision} ${f.detail}`).join('\n')}>
      {v.intact ? `哈希链完整（${v.events} 条）` : `哈希链断裂于第 ${v.findings[0]?.revision ?? '?'} 条`}
      {v.anchor ? ` · 已与锚点 ${when(v.anchor.createdAt)} 核对` : ' · 尚无锚点'}
    </span>
  );
}

function Compare(props: { kind: string; caseId: string; last: number }) {
  const [from, setFrom] = useState(-1);
  const [to, setTo] = useState(props.last);
  const { loaded } = useLoad(() => call<Diff>('audit', `/cases/${props.kind}/${encodeURIComponent(props.caseId)}/diff?from=${from}&to=${to}`), `${from}-${to}`);
  const options = (min: number) =>
    Array.from({ length: props.last - min + 1 }, (_, i) => i + min).map((r) => (
      <option key={r} value={r}>
        {r < 0 ? '创建之前' : `第 ${r + 1} 条之后`}
      </option>
    ));
  return (
    <section aria-label="比较两个时点">
      <h2>比较两个时点</h2>
      <p class="row-actions">
        <label class="inline-label">
          从{' '}
          <select value={from} onChange={(e) => setFrom(Number((e.target as HTMLSelectElement).value))}>
            {options(-1)}
          </select>
        </label>
        <label class="inline-label">
          到{' '}
          <select value={to} onChange={(e) => setTo(Number((e.target as HTMLSelectElement).value))}>
            {options(0)}
          </select>
        </label>
      </p>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这两个时点的比较" />}
      {loaded.state === 'ok' && (
        <>
          <p class="muted">其间的事件：{loaded.data.events.map((e) => eventNames[e.type] ?? e.type).join('、') || '无'}</p>
          <Changes changes={loaded.data.changes} />
        </>
      )}
    </section>
  );
}

export function CaseHistoryPage(props: { kind: string; caseId: string }) {
  const { kind, caseId } = props;
  const { loaded } = useLoad(() => call<History>('audit', `/cases/${kind}/${encodeURIComponent(caseId)}/history?state=full&limit=200`), `${kind}/${caseId}`);
  const [step, setStep] = useState<number | undefined>();
  if (loaded.state === 'problem') {
    return (
      <section class="page">
        <h1>案件历史</h1>
        <ProblemNote problem={loaded.problem} what="这个案件" />
        <p>
          <a href="#/audit">重新查找</a>
        </p>
      </section>
    );
  }
  const history = loaded.state === 'ok' ? loaded.data : undefined;
  const last = (history?.entries.length ?? 1) - 1;
  const at = Math.min(step ?? last, last);
  const entry = history?.entries[at];
  return (
    <section class="page">
      <div class="page-head">
        <h1>
          {caseKinds[kind as keyof typeof caseKinds] ?? kind} {caseId}
        </h1>
        <VerdictBadge kind={kind} caseId={caseId} />
        <a href="#/audit">← 查找案件</a>
      </div>
      <CaseExports kind={kind} caseId={caseId} />
      <div class="stepper" aria-busy={!history}>
        <button type="button" disabled={!history || at <= 0} onClick={() => setStep(at - 1)} aria-label="上一条">
          ◀
        </button>
        <input type="range" min={0} max={Math.max(last, 0)} value={at} aria-label="事件序号" aria-valuetext={`第 ${at + 1} 条，共 ${last + 1} 条`} onInput={(e) => setStep(Number((e.target as HTMLInputElement).value))} />
        <button type="button" disabled={!history || at >= last} onClick={() => setStep(at + 1)} aria-label="下一条">
          ▶
        </button>
        <span class="count" data-step={at + 1}>
          {history ? `第 ${at + 1} 条，共 ${history.totalEvents} 条` : ''}
        </span>
      </div>
      <dl class="facts">
        <dt>事件</dt>
        <dd data-fact="event">{entry ? eventNames[entry.type] ?? entry.type : '…'}</dd>
        <dt>发生时间</dt>
        <dd>{when(entry?.occurredAt ?? entry?.recordedAt)}</dd>
        <dt>操作人</dt>
        <dd>{entry ? (entry.actor ? `${entry.actor.id}（${entry.actor.role}，${entry.actor.organisation}）` : '外部平台') : '…'}</dd>
        <dt>记录时间</dt>
        <dd>{when(entry?.recordedAt)}</dd>
        <dt class="wide">哈希</dt>
        <dd class="wide">
          <code>{entry?.hash ?? '…'}</code>
        </dd>
      </dl>
      <h2>这一条改变了什么</h2>
      {entry ? <Changes changes={entry.changes} /> : <p class="loading">正在读取…</p>}
      <details>
        <summary>这一条之后的完整状态{history?.personalDataMasked ? '（个人信息已脱敏）' : ''}</summary>
        <pre class="state">{entry ? JSON.stringify(entry.state, null, 2) : ''}</pre>
      </details>
      {history && last >= 0 && <Compare kind={kind} caseId={caseId} last={last} />}
    </section>
  );
}

export function FindCasePage(props: { cityAuditor: boolean }) {
  const [kind, setKind] = useState<string>('work-order');
  const [caseId, setCaseId] = useState('');
  return (
    <section class="page">
      <h1>查找案件</h1>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          if (caseId.trim()) go(`/audit/${kind}/${encodeURIComponent(caseId.trim())}`);
        }}
      >
        <select aria-label="案件类型" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
          {Object.entries(caseKinds).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        <input aria-label="案件编号" placeholder="工单或卷宗的编号（ID）" value={caseId} onInput={(e) => setCaseId((e.target as HTMLInputElement).value)} />
        <button type="submit">查看历史</button>
      </form>
      <p class="muted">
        每次查看都会记入访问记录：<a href="#/audit/access-log">访问记录</a>
        {props.cityAuditor && (
          <>
            {' · '}
            <a href="#/audit/anchors">锚点与全库校验</a>
          </>
        )}
      </p>
    </section>
  );
}
