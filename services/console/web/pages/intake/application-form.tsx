// 受理申请: the application form, fast from the keyboard (the tab order follows the paper form; Ctrl+Enter
// submits from anywhere), checked as the clerk types with the service's own schemas, the duplicate warning
// as soon as the ID number is complete, then the receipt on screen.
import { documentTypeNames, personGroupNames } from '@bureau/person-schemas';
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import type { Session } from '../../session.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { ReceiptCard, type Receipt } from './receipt.js';
import { applicantOf, applicantProblems, type ApplicantDraft } from './validate.js';
import { aidFormNames, districtNames, matterNames } from './words.js';

interface Draft extends ApplicantDraft {
  matterType: string;
  aidForm: string;
  opposingParty: string;
  summary: string;
  proceedings: 'non_litigation' | 'litigation';
  authority: string;
  districtId: string;
}

interface Submitted {
  caseId: string;
  applicationNumber: string;
  receipt: Receipt;
  possibleDuplicates: string[];
}

/** The groups asked at the counter most often (the rest are recorded by the reviewer). */
const COUNTER_GROUPS = ['migrant_worker', 'elderly', 'minor', 'disabled', 'social_assistance_recipient', 'military_or_family', 'abuse_or_domestic_violence_victim'] as const;

const emptyDraft = (districtId: string): Draft => ({
  name: '', documentType: 'resident_id', documentNumber: '', phone: '', address: '', groups: [],
  matterType: 'employment_or_wages', aidForm: 'labour_dispute_representation', opposingParty: '', summary: '',
  proceedings: 'non_litigation', authority: '', districtId,
});

function bodyOf(draft: Draft, commandId: string) {
  const place = { districtId: draft.districtId };
  const authority = draft.authority.trim() === '' ? null : draft.authority;
  return {
    commandId,
    channel: { kind: 'counter' },
    applicant: applicantOf(draft),
    matterType: draft.matterType,
    aidForm: draft.aidForm,
    opposingParty: draft.opposingParty.trim() === '' ? null : draft.opposingParty,
    summary: draft.summary,
    competenceFacts:
      draft.proceedings === 'litigation'
        ? { kind: 'litigation', caseAuthority: draft.authority, authoritySits: place }
        : { kind: 'non_litigation', disputeAuthority: authority, disputeAuthoritySits: authority ? place : null, matterAroseIn: place },
  };
}

/** The district of the signed-in clerk's organisation, by the demo city's ids (`huadu-…`). */
const districtOf = (session: Session) => Object.keys(districtNames).find((d) => session.claims.org.startsWith(d)) ?? 'huadu';

export function ApplicationFormPage(props: { session: Session }) {
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(districtOf(props.session)));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [duplicates, setDuplicates] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState<Submitted | undefined>();
  const intent = useIntent();

  const local = applicantProblems(draft);
  if (draft.summary.trim() === '') local.summary = '请简要写明案情';
  if (draft.proceedings === 'litigation' && draft.authority.trim() === '') local.authority = '请填写受理案件的法院或机关';
  const server = fieldErrors(intent.problem);
  const serverOf = (field: string) => server[field] ?? (field === 'authority' ? server['competenceFacts.caseAuthority'] ?? server['competenceFacts.disputeAuthority'] : undefined);
  const errorOf = (field: string) => serverOf(field) ?? (showAll || touched.has(field) ? local[field] : undefined);
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const touch = (field: string) => () => setTouched(new Set(touched).add(field));

  // 重复申请提示: as soon as the ID number is complete and valid, the open applications of that person.
  const idReady = draft.documentNumber.trim().length >= 15 && !local['applicant.document.number'];
  useEffect(() => {
    if (!idReady) return setDuplicates([]);
    let current = true;
    const query = new URLSearchParams({ documentType: draft.documentType, documentNumber: draft.documentNumber.trim() });
    void call<{ entries: Array<{ applicationNumber: string | null }> }>('legal-aid', `/search?${query}`).then((answer) => {
      if (current) setDuplicates(answer.ok ? answer.body.entries.map((e) => e.applicationNumber ?? '（编号待定）') : []);
    });
    return () => {
      current = false;
    };
  }, [idReady, draft.documentType, draft.documentNumber]);

  const submit = async (event?: Event) => {
    event?.preventDefault();
    setShowAll(true);
    if (Object.keys(local).length > 0) {
      const first = document.querySelector<HTMLElement>('.field.has-error input, .field.has-error textarea, .field.has-error select');
      first?.focus();
      return;
    }
    const answer = await intent.run((commandId) => call<Submitted>('legal-aid', '/applications', { body: bodyOf(draft, commandId) }));
    if (answer) setSubmitted(answer);
  };

  // The name field takes the focus whenever the form is shown (autofocus only works once per document).
  useEffect(() => {
    if (!submitted) document.getElementById('f-applicant.name')?.focus();
  }, [submitted]);

  // Ctrl+Enter submits what the form holds now: the handler reads the latest submit, set at each render.
  // (Re-registering it in an effect after every render left a stale one in place until the effect ran,
  // which a loaded machine delays: a fast Ctrl+Enter then sent the draft before its last field.)
  const latestSubmit = useRef<(() => Promise<void>) | undefined>(undefined);
  latestSubmit.current = submitted ? undefined : submit;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void latestSubmit.current?.();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);

  if (submitted) {
    return (
      <section class="page">
        <div class="page-head">
          <h1>受理成功</h1>
          <a href="#/intake">← 待办清单</a>
        </div>
        <ReceiptCard
          caseId={submitted.caseId}
          receipt={submitted.receipt}
          possibleDuplicates={submitted.possibleDuplicates}
          onNext={() => {
            setSubmitted(undefined);
            setDraft(emptyDraft(draft.districtId));
            setTouched(new Set());
            setShowAll(false);
          }}
        />
      </section>
    );
  }

  const text = (field: string, label: string, value: string, onValue: (v: string) => void, extra: { wide?: boolean; hint?: string; inputMode?: 'numeric' | 'tel' } = {}) => (
    <Field label={label} name={field} error={errorOf(field)} wide={extra.wide} {...(extra.hint ? { hint: extra.hint } : {})}>
      <input {...inputProps(field, errorOf(field))} value={value} inputMode={extra.inputMode} autoComplete="off" onInput={(e) => onValue((e.target as HTMLInputElement).value)} onBlur={touch(field)} />
    </Field>
  );

  return (
    <section class="page">
      <div class="page-head">
        <h1>受理法律援助申请</h1>
        <a href="#/intake">← 待办清单</a>
      </div>
      <form onSubmit={submit} noValidate aria-label="法律援助申请">
        <fieldset>
          <legend>申请人</legend>
          <div class="form-grid">
            {text('applicant.name', '姓名', draft.name, (name) => set({ name }), {})}
            <Field label="证件类型" name="applicant.document.type" error={errorOf('applicant.document.type')}>
              <select {...inputProps('applicant.document.type', undefined)} value={draft.documentType} onChange={(e) => set({ documentType: (e.target as HTMLSelectElement).value })}>
                {Object.entries(documentTypeNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            {text('applicant.document.number', '证件号码', draft.documentNumber, (documentNumber) => set({ documentNumber }), { wide: true, hint: '居民身份证：18位，末位可为X' })}
            {text('applicant.phone', '联系电话', draft.phone, (phone) => set({ phone }), { inputMode: 'tel' })}
            {text('applicant.address', '住址', draft.address, (address) => set({ address }), { wide: true })}
            <div class="field full" role="group" aria-labelledby="groups-label">
              <span id="groups-label" class="label">特殊群体（可多选）</span>
              <div class="checks">
                {COUNTER_GROUPS.map((group) => (
                  <label key={group}>
                    <input
                      type="checkbox"
                      checked={draft.groups.includes(group)}
                      onChange={(e) => set({ groups: (e.target as HTMLInputElement).checked ? [...draft.groups, group] : draft.groups.filter((g) => g !== group) })}
                    />
                    {personGroupNames[group]}
                  </label>
                ))}
              </div>
            </div>
          </div>
          {duplicates.length > 0 && (
            <p class="warning" role="status" data-warning="duplicate">
              该证件号码已有 {duplicates.length} 件在办申请（{duplicates.join('、')}）。如属同一事项，请勿重复受理；确属新事项可继续。
            </p>
          )}
        </fieldset>
        <fieldset>
          <legend>申请事项</legend>
          <div class="form-grid">
            <Field label="事项" name="matterType" error={errorOf('matterType')} wide>
              <select {...inputProps('matterType', errorOf('matterType'))} value={draft.matterType} onChange={(e) => set({ matterType: (e.target as HTMLSelectElement).value })}>
                {Object.entries(matterNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="援助形式" name="aidForm" error={errorOf('aidForm')} wide>
              <select {...inputProps('aidForm', errorOf('aidForm'))} value={draft.aidForm} onChange={(e) => set({ aidForm: (e.target as HTMLSelectElement).value })}>
                {Object.entries(aidFormNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            {text('opposingParty', '对方当事人', draft.opposingParty, (opposingParty) => set({ opposingParty }), { wide: true })}
            <Field label="程序" name="proceedings">
              <select {...inputProps('proceedings', undefined)} value={draft.proceedings} onChange={(e) => set({ proceedings: (e.target as HTMLSelectElement).value as Draft['proceedings'] })}>
                <option value="non_litigation">非诉讼（仲裁、调解等）</option>
                <option value="litigation">诉讼</option>
              </select>
            </Field>
            <Field label="所在区" name="districtId">
              <select {...inputProps('districtId', undefined)} value={draft.districtId} onChange={(e) => set({ districtId: (e.target as HTMLSelectElement).value })}>
                {Object.entries(districtNames).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            {text('authority', draft.proceedings === 'litigation' ? '受理法院或机关' : '争议处理机关（如仲裁委）', draft.authority, (authority) => set({ authority }), { wide: true })}
            <Field label="案情摘要" name="summary" error={errorOf('summary')} wide>
              <textarea {...inputProps('summary', errorOf('summary'))} rows={3} value={draft.summary} onInput={(e) => set({ summary: (e.target as HTMLTextAreaElement).value })} onBlur={touch('summary')} />
            </Field>
          </div>
        </fieldset>
        <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这份申请" />
        {intent.problem?.errors?.length ? <p class="problem" role="alert">有几项填写不符合要求，请按标红处修改。</p> : null}
        <p class="row-actions">
          <button type="submit" disabled={intent.busy}>
            {intent.busy ? '正在受理…' : '受理并出具回执'}
          </button>
          <span class="muted">Ctrl+Enter 提交</span>
        </p>
      </form>
    </section>
  );
}
