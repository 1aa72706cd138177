// 登记 / 变更 a lawyer on the district's registry: the whole details each time (the service keeps the
// history as events). One intent, one command id; a field the service refuses is marked against it.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';

export interface Lawyer {
  lawyerId: string;
  name: string;
  licenceNumber: string;
  firmId: string;
  firmName: string;
  relevantPracticeSince: string;
  specialties: string[];
  active: boolean;
  deactivatedReason: string | null;
}

const empty = { lawyerId: '', name: '', licenceNumber: '', firmId: '', firmName: '', relevantPracticeSince: '', specialties: '' };

export function LawyerForm(props: { districtId: string; changing?: Lawyer; onDone: (what: string) => void; onCancel?: () => void }) {
  const intent = useIntent();
  const start = props.changing ? { ...props.changing, specialties: props.changing.specialties.join('，') } : empty;
  const [values, setValues] = useState(start);
  const errors = fieldErrors(intent.problem);
  const set = (name: keyof typeof empty) => (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value });
  const base = `/districts/${encodeURIComponent(props.districtId)}/lawyers`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const { lawyerId, specialties, ...details } = values;
    const body = { ...details, specialties: specialties.split(/[,，、\s]+/).filter((s) => s.length > 0) };
    const ok = props.changing
      ? await intent.run((commandId) => call('legal-aid', `${base}/${encodeURIComponent(lawyerId)}`, { method: 'PUT', body: { commandId, ...body } }))
      : await intent.run((commandId) => call('legal-aid', base, { body: { commandId, lawyerId, ...body } }));
    if (ok) {
      props.onDone(props.changing ? `已变更：${values.name}` : `已登记：${values.name}`);
      if (!props.changing) setValues(empty);
    }
  };
  const action = props.changing ? 'lawyer-change' : 'lawyer-register';
  const f = (name: keyof typeof empty) => `${action}-${name}`;
  return (
    <form class="action" onSubmit={submit} aria-label={props.changing ? '变更律师信息' : '登记律师'} data-action={action}>
      <h2>{props.changing ? `变更律师信息：${props.changing.name}` : '登记律师'}</h2>
      <div class="form-grid">
        <Field label="律师编号" name={f('lawyerId')} error={errors.lawyerId} hint="字母、数字、_ 和 -">
          <input {...inputProps(f('lawyerId'), errors.lawyerId)} value={values.lawyerId} maxLength={64} readOnly={Boolean(props.changing)} onInput={set('lawyerId')} />
        </Field>
        <Field label="姓名" name={f('name')} error={errors.name}>
          <input {...inputProps(f('name'), errors.name)} value={values.name} maxLength={200} onInput={set('name')} />
        </Field>
        <Field label="律师执业证号" name={f('licenceNumber')} error={errors.licenceNumber} hint="17 位数字">
          <input {...inputProps(f('licenceNumber'), errors.licenceNumber)} value={values.licenceNumber} inputMode="numeric" maxLength={17} onInput={set('licenceNumber')} />
        </Field>
        <Field label="相关领域执业起始日" name={f('relevantPracticeSince')} error={errors.relevantPracticeSince}>
          <input {...inputProps(f('relevantPracticeSince'), errors.relevantPracticeSince)} type="date" value={values.relevantPracticeSince} onInput={set('relevantPracticeSince')} />
        </Field>
        <Field label="律师事务所编号" name={f('firmId')} error={errors.firmId}>
          <input {...inputProps(f('firmId'), errors.firmId)} value={values.firmId} maxLength={64} onInput={set('firmId')} />
        </Field>
        <Field label="律师事务所名称" name={f('firmName')} error={errors.firmName} wide>
          <input {...inputProps(f('firmName'), errors.firmName)} value={values.firmName} maxLength={200} onInput={set('firmName')} />
        </Field>
        <Field label="专长（以逗号分隔）" name={f('specialties')} error={errors.specialties}>
          <input {...inputProps(f('specialties'), errors.specialties)} value={values.specialties} onInput={set('specialties')} />
        </Field>
      </div>
      <ProblemNote problem={intent.problem} what="这位律师" />
      <p class="row-actions">
        <button type="submit" disabled={intent.busy}>{intent.busy ? '提交中…' : props.changing ? '保存变更' : '登记'}</button>
        {props.onCancel && <button type="button" class="quiet" onClick={props.onCancel}>取消</button>}
      </p>
    </form>
  );
}

/** 停止指派: with a reason; the lawyer stays on the registry, assigned no more. */
export function DeactivateLawyer(props: { districtId: string; lawyer: Lawyer; onDone: (what: string) => void }) {
  const intent = useIntent();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const errors = fieldErrors(intent.problem);
  const name = `reason-${props.lawyer.lawyerId}`;
  if (!open) return <button type="button" class="quiet" onClick={() => setOpen(true)}>停止指派…</button>;
  const submit = async (e: Event) => {
    e.preventDefault();
    const path = `/districts/${encodeURIComponent(props.districtId)}/lawyers/${encodeURIComponent(props.lawyer.lawyerId)}/deactivation`;
    if (await intent.run((commandId) => call('legal-aid', path, { body: { commandId, reason } }))) props.onDone(`已停止指派：${props.lawyer.name}`);
  };
  return (
    <form class="inline" onSubmit={submit}>
      <Field label="停止指派理由" name={name} error={errors.reason}>
        <input {...inputProps(name, errors.reason)} value={reason} maxLength={200} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
      </Field>
      <button type="submit" disabled={intent.busy}>确认</button>
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这位律师" />
    </form>
  );
}
