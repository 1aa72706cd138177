// 卷宗: one application, its main actions by role (request materials, record the economic status, approve
// or refuse with reasons, assign a lawyer with the conflict warning, transfer) and its timeline (timeline.tsx).
import { personGroupNames, documentTypeNames, type PersonGroup } from '@bureau/person-schemas';
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import type { Session } from '../../session.js';
import { Field, inputProps, ProblemNote, useIntent, useLoad, when } from '../../ui.js';
import { EconomicStatusForm } from './economic-status.js';
import { PrintReceiptButton } from './receipt.js';
import { FileTimeline } from './timeline.js';
import { aidFormNames, art32GroundNames, art42GroundNames, economicStatusKindNames, fileStatusNames, matterNames } from './words.js';

interface Deadline {
  dueAt: string;
}
interface Person {
  name: string;
  document: { type: string; number?: string | null };
  phone: string | null;
  groups: PersonGroup[];
}
interface FileState {
  receivingOrganisationId: string;
  competentOfficeId: string;
  holderOfficeId: string;
  transfer: { fromOfficeId: string; toOfficeId: string; transferredAt: string; receivedAt: string | null } | null;
  application: { applicationNumber: string; matterType: string; aidForm: string; summary: string; applicant: Person; possibleDuplicateOf: string[] } | null;
  recipient: Person;
  opposingParty: string | null;
  greenChannel: string[];
  receivedAt: string;
  review: { current: Deadline; pausedAt: string | null; materialsRequested: boolean } | null;
  materials: { items: string[]; requestedAt: string; suppliedAt: string | null; outstanding: string[] } | null;
  economicStatus: { kind: string; ground?: string; source?: string; meetsStandard?: boolean; pledgeSignedAt?: string } | null;
  decision: { kind: 'approved' | 'refused'; at: string; reasons: string | null } | null;
  assignmentDue: Deadline | null;
  lawyer: { lawyerId: string; firmId: string; assignedAt: string; conflicts: Array<{ caseId: string; by: 'lawyer' | 'firm' }> } | null;
  closing: { at: string } | null;
  endedAt: string | null;
}
interface FileView {
  caseId: string;
  status: string;
  revision: string;
  personalData: 'full' | 'masked';
  file: FileState;
  /** The lawyer acting, named from the registry (null: none, or no longer in it). */
  lawyer: { lawyerId: string; name: string; firmId: string; firmName: string } | null;
}
interface Recorded {
  position: string | null;
  alreadyApplied: boolean;
}

/** What is on file about the hardship, in the bureau's words. */
function economicStatusText(status: FileState['economicStatus']): string {
  if (!status) return '尚未记录';
  const kind = economicStatusKindNames[status.kind as keyof typeof economicStatusKindNames] ?? status.kind;
  if (status.kind === 'art42_exempt') return `${kind}：${art42GroundNames[status.ground ?? ''] ?? status.ground}`;
  if (status.kind === 'art32_not_required') return `${kind}：${art32GroundNames[status.ground ?? ''] ?? status.ground}`;
  if (status.kind === 'data_sharing') return `${kind}：${status.meetsStandard ? '符合标准' : '不符合标准'}（${status.source ?? ''}）`;
  return kind;
}

type Input = { name: string; label: string; kind: 'text' | 'textarea' | 'number' | 'lines' };

/** One action on the file: its fields, its own intent (command id), its problem beside it. */
function FileAction(props: { caseId: string; action: string; title: string; submitLabel: string; inputs: Input[]; toBody?: (values: Record<string, string>) => Record<string, unknown>; onDone: (what: string, r: Recorded) => void }) {
  const intent = useIntent();
  const [values, setValues] = useState<Record<string, string>>({});
  const errors = fieldErrors(intent.problem);
  const errorFor = (name: string) => errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`) || k.endsWith(`.${name}`))?.[1];
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = props.toBody ? props.toBody(values) : Object.fromEntries(props.inputs.map((i) => [i.name, i.kind === 'lines' ? (values[i.name] ?? '').split('\n').map((s) => s.trim()).filter(Boolean) : values[i.name] ?? '']));
    const recorded = await intent.run((commandId) => call<Recorded>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/${props.action}`, { body: { commandId, ...body } }));
    if (recorded) {
      setValues({});
      props.onDone(props.title, recorded);
    }
  };
  return (
    <form class="action" onSubmit={submit} data-action={props.action} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.inputs.map((input) => {
        const field = `${props.action}-${input.name}`;
        const error = errorFor(input.name);
        const common = { ...inputProps(field, error), value: values[input.name] ?? '', onInput: (e: Event) => setValues({ ...values, [input.name]: (e.target as HTMLInputElement).value }) };
        return (
          <Field key={input.name} label={input.label} name={field} error={error}>
            {input.kind === 'textarea' || input.kind === 'lines' ? <textarea rows={input.kind === 'lines' ? 3 : 2} {...common} /> : input.kind === 'number' ? <input type="number" min={0} {...common} /> : <input type="text" {...common} />}
          </Field>
        );
      })}
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这份申请" />
      <button type="submit" disabled={intent.busy}>
        {intent.busy ? '提交中…' : props.submitLabel}
      </button>
    </form>
  );
}

interface Suggestion {
  lawyerId: string;
  name: string;
  firmName: string;
  relevantPracticeYears: number;
  openCases: number;
}

/**
 * 指派律师: from the district's lawyer registry, as the service suggests them (fewest open cases first,
 * lawyers or firms acting for the opposing party left out, Art. 26's three years where it applies).
 */
function AssignLawyer(props: { caseId: string; onDone: (what: string, r: Recorded) => void }) {
  const intent = useIntent();
  const [lawyerId, setLawyerId] = useState('');
  const { loaded } = useLoad(() => call<{ suggestions: Suggestion[] }>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/lawyer-suggestions`), props.caseId);
  const error = fieldErrors(intent.problem).lawyerId;
  const submit = async (event: Event) => {
    event.preventDefault();
    const recorded = await intent.run((commandId) => call<Recorded>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/lawyer-assignment`, { body: { commandId, lawyerId } }));
    if (recorded) props.onDone('指派律师', recorded);
  };
  const suggestions = loaded.state === 'ok' ? loaded.data.suggestions : [];
  return (
    <form class="action" onSubmit={submit} data-action="lawyer-assignment" aria-label="指派律师">
      <h3>指派律师</h3>
      <Field label="律师（在办案件少者在前；与对方当事人有利益冲突的已排除）" name="lawyer-assignment-lawyerId" error={error}>
        <select {...inputProps('lawyer-assignment-lawyerId', error)} value={lawyerId} onChange={(e: Event) => setLawyerId((e.target as HTMLSelectElement).value)}>
          <option value="">{loaded.state === 'loading' ? '正在读取律师名册…' : suggestions.length === 0 ? '名册中没有可指派的律师' : '请选择'}</option>
          {suggestions.map((s) => (
            <option key={s.lawyerId} value={s.lawyerId}>
              {s.name}（{s.firmName}，相关执业{s.relevantPracticeYears}年，在办{s.openCases}件）
            </option>
          ))}
        </select>
      </Field>
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这份申请" />
      <button type="submit" disabled={intent.busy}>
        {intent.busy ? '提交中…' : '指派'}
      </button>
    </form>
  );
}

export function FilePage(props: { caseId: string; session: Session }) {
  const [after, setAfter] = useState(0);
  const { loaded } = useLoad(() => call<FileView>('legal-aid', `/files/${encodeURIComponent(props.caseId)}`), `${props.caseId}#${after}`);
  const [done, setDone] = useState<string | undefined>();
  const recorded = (what: string, r: Recorded) => {
    setDone(r.alreadyApplied ? `${what}：此前已记录，未重复记录。` : `${what}：已记录。`);
    setAfter((n) => n + 1);
  };
  if (loaded.state === 'problem') {
    return (
      <section class="page">
        <h1>法律援助卷宗</h1>
        <ProblemNote problem={loaded.problem} what="这份申请" />
        <p>
          <a href="#/intake">回到待办清单</a>
        </p>
      </section>
    );
  }
  const view = loaded.state === 'ok' ? loaded.data : undefined;
  const file = view?.file;
  const app = file?.application;
  const person = app?.applicant ?? file?.recipient;
  const role = props.session.claims.role;
  const reviews = role === 'legal_aid_reviewer' || role === 'legal_aid_head';
  const decides = role === 'legal_aid_head';
  const status = view?.status ?? '';
  const inReview = status === 'in_review' || status === 'awaiting_materials';
  return (
    <section class="page">
      <div class="page-head">
        <h1>卷宗 {app?.applicationNumber ?? ''}</h1>
        <a href="#/intake">← 待办清单</a>
      </div>
      {done && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      <dl class="facts" aria-busy={!view}>
        <dt>状态</dt>
        <dd data-fact="status">{view ? fileStatusNames[status] ?? status : '…'}</dd>
        <dt>受理时间</dt>
        <dd>{when(file?.receivedAt)}</dd>
        <dt>申请人</dt>
        <dd>{person ? `${person.name}${view?.personalData === 'masked' ? '（已脱敏）' : ''}` : '…'}</dd>
        <dt>证件</dt>
        <dd>{person ? `${documentTypeNames[person.document.type as keyof typeof documentTypeNames] ?? person.document.type} ${person.document.number ?? ''}` : '…'}</dd>
        <dt>联系电话</dt>
        <dd>{person?.phone ?? '—'}</dd>
        <dt>特殊群体</dt>
        <dd>{person ? person.groups.map((g) => personGroupNames[g] ?? g).join('、') || '—' : '…'}</dd>
        <dt>事项</dt>
        <dd>{app ? matterNames[app.matterType] ?? app.matterType : '…'}</dd>
        <dt>援助形式</dt>
        <dd>{app ? aidFormNames[app.aidForm] ?? app.aidForm : '…'}</dd>
        <dt>对方当事人</dt>
        <dd>{file?.opposingParty ?? '—'}</dd>
        <dt>期限</dt>
        <dd>
          {file?.review && inReview ? `审查期限 ${when(file.review.current.dueAt)}${file.review.pausedAt ? '（补材料中，暂停计算）' : ''}` : file?.assignmentDue && status === 'approved' ? `指派期限 ${when(file.assignmentDue.dueAt)}` : '—'}
        </dd>
        <dt>经济困难状况</dt>
        <dd data-fact="economic-status">{file ? economicStatusText(file.economicStatus) : '…'}</dd>
        <dt>绿色通道</dt>
        <dd>{file ? (file.greenChannel.length > 0 ? <span class="tag ok">是</span> : '否') : '…'}</dd>
        <dt>指派律师</dt>
        <dd data-fact="lawyer">{file?.lawyer ? (view?.lawyer ? `${view.lawyer.name}（${view.lawyer.firmName}）` : `${file.lawyer.lawyerId}（名册中已无此律师）`) : '—'}</dd>
        <dt class="wide">案情摘要</dt>
        <dd class="wide content">{app?.summary ?? '…'}</dd>
      </dl>
      {file?.lawyer && file.lawyer.conflicts.length > 0 && (
        <p class="warning" role="status" data-warning="conflict">
          利益冲突提示：该{file.lawyer.conflicts.some((c) => c.by === 'lawyer') ? '律师' : '律师所在律所'}正在代理对方当事人的其他案件（{file.lawyer.conflicts.length} 件），请核实后决定是否更换。
        </p>
      )}
      {view && app && (
        <p class="row-actions">
          <PrintReceiptButton caseId={view.caseId} />
        </p>
      )}
      {view && (
        <div class="actions">
          {reviews && inReview && (
            <FileAction caseId={view.caseId} action="materials-request" title="一次性告知补充材料" submitLabel="告知" inputs={[{ name: 'items', label: '需补充的材料（每行一项）', kind: 'lines' }]} onDone={recorded} />
          )}
          {reviews && inReview && (
            <EconomicStatusForm caseId={view.caseId} onDone={recorded} />
          )}
          {decides && status === 'in_review' && <FileAction caseId={view.caseId} action="approval" title="给予法律援助" submitLabel="决定给予" inputs={[]} onDone={recorded} />}
          {decides && status === 'in_review' && (
            <FileAction caseId={view.caseId} action="refusal" title="不予法律援助" submitLabel="决定不予" inputs={[{ name: 'reasons', label: '理由（写入决定书）', kind: 'textarea' }]} onDone={recorded} />
          )}
          {decides && (status === 'approved' || status === 'notified') && <AssignLawyer caseId={view.caseId} onDone={recorded} />}
          {file && inReview && file.competentOfficeId !== file.holderOfficeId && !file.transfer && (
            <FileAction caseId={view.caseId} action="transfer" title="移送有管辖权的机构（市域通办）" submitLabel="移送" inputs={[]} onDone={recorded} />
          )}
        </div>
      )}
      <h2>办理经过</h2>
      <FileTimeline caseId={props.caseId} version={after} />
    </section>
  );
}
