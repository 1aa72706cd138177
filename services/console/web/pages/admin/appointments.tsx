// A village's appointments (聘任): appoint an advisor of the district's register for a contract period,
// end one early (解聘) with its last day and a reason. Each form one intent, one command id.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, PlaceholderRows, ProblemNote, useIntent, useLoad } from '../../ui.js';

export interface Advisor {
  advisorId: string;
  name: string;
  firm: string;
  status: 'active' | 'removed';
}
interface Appointment {
  appointmentId: string;
  advisorId: string;
  from: string;
  to: string;
  endedOn: string | null;
  endReason: string | null;
}

function EndAppointment(props: { villageId: string; appointment: Appointment; onDone: () => void }) {
  const intent = useIntent();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState({ endsOn: '', reason: '' });
  const errors = fieldErrors(intent.problem);
  const id = props.appointment.appointmentId;
  if (!open) return <button type="button" class="quiet" onClick={() => setOpen(true)}>解聘…</button>;
  const submit = async (e: Event) => {
    e.preventDefault();
    const path = `/villages/${encodeURIComponent(props.villageId)}/appointments/${encodeURIComponent(id)}/end`;
    if (await intent.run((commandId) => call('advisors', path, { body: { commandId, ...values } }))) props.onDone();
  };
  return (
    <form class="inline" onSubmit={submit} data-action="appointment-end">
      <Field label="最后一日" name={`endsOn-${id}`} error={errors.endsOn}>
        <input {...inputProps(`endsOn-${id}`, errors.endsOn)} type="date" value={values.endsOn} onInput={(e) => setValues({ ...values, endsOn: (e.target as HTMLInputElement).value })} />
      </Field>
      <Field label="解聘理由" name={`endReason-${id}`} error={errors.reason}>
        <input {...inputProps(`endReason-${id}`, errors.reason)} value={values.reason} onInput={(e) => setValues({ ...values, reason: (e.target as HTMLInputElement).value })} />
      </Field>
      <button type="submit" disabled={intent.busy}>确认解聘</button>
      <ProblemNote problem={intent.problem && !intent.problem.errors?.length ? intent.problem : undefined} what="这项聘任" />
    </form>
  );
}

function Appoint(props: { villageId: string; advisors: readonly Advisor[]; onDone: () => void }) {
  const intent = useIntent();
  const [values, setValues] = useState({ advisorId: '', from: '', to: '' });
  const errors = fieldErrors(intent.problem);
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await intent.run((commandId) => call('advisors', `/villages/${encodeURIComponent(props.villageId)}/appointments`, { body: { commandId, ...values } }))) props.onDone();
  };
  return (
    <form class="action" onSubmit={submit} aria-label="聘任法律顾问" data-action="appointment">
      <h3>聘任法律顾问</h3>
      <div class="form-grid">
        <Field label="法律顾问" name="appoint-advisorId" error={errors.advisorId}>
          <select {...inputProps('appoint-advisorId', errors.advisorId)} value={values.advisorId} onChange={set('advisorId')}>
            <option value="">请选择</option>
            {props.advisors.filter((a) => a.status === 'active').map((a) => <option key={a.advisorId} value={a.advisorId}>{a.name}（{a.firm}）</option>)}
          </select>
        </Field>
        <Field label="聘期起" name="appoint-from" error={errors.from}>
          <input {...inputProps('appoint-from', errors.from)} type="date" value={values.from} onInput={set('from')} />
        </Field>
        <Field label="聘期止" name="appoint-to" error={errors.to}>
          <input {...inputProps('appoint-to', errors.to)} type="date" value={values.to} onInput={set('to')} />
        </Field>
      </div>
      <ProblemNote problem={intent.problem} what="这个村（社区）的聘任" />
      <button type="submit" disabled={intent.busy}>{intent.busy ? '提交中…' : '聘任'}</button>
    </form>
  );
}

export function VillageAppointments(props: { villageId: string; villageName: string; advisors: readonly Advisor[]; keeper: boolean }) {
  const { loaded, reload } = useLoad(() => call<{ appointments: Appointment[] }>('advisors', `/villages/${encodeURIComponent(props.villageId)}/appointments?sort=-from&limit=50`), props.villageId);
  const names = new Map(props.advisors.map((a) => [a.advisorId, a.name]));
  return (
    <div class="village">
      <h2>{props.villageName}：聘任（最近 50 项，聘期新者在前）</h2>
      {loaded.state === 'problem' && <ProblemNote problem={loaded.problem} what="这个村（社区）的聘任" />}
      <table class="list">
        <thead>
          <tr><th scope="col">法律顾问</th><th scope="col">聘期</th><th scope="col">提前解聘</th><th scope="col">{props.keeper ? '变更' : ''}</th></tr>
        </thead>
        <tbody>
          {loaded.state === 'loading' && <PlaceholderRows columns={4} rows={2} />}
          {loaded.state === 'ok' && loaded.data.appointments.length === 0 && <tr><td colSpan={4} class="empty">尚未聘任法律顾问。</td></tr>}
          {loaded.state === 'ok' &&
            loaded.data.appointments.map((a) => (
              <tr key={a.appointmentId} data-appointment={a.appointmentId}>
                <td>{names.get(a.advisorId) ?? a.advisorId}</td>
                <td>{a.from} 至 {a.to}</td>
                <td>{a.endedOn ? `${a.endedOn}（${a.endReason ?? ''}）` : '—'}</td>
                <td>{props.keeper && !a.endedOn && <EndAppointment villageId={props.villageId} appointment={a} onDone={() => void reload()} />}</td>
              </tr>
            ))}
        </tbody>
      </table>
      {/* The form once the list has its rows, not beneath placeholder rows that would leave and move it. */}
      {props.keeper && loaded.state !== 'loading' && <Appoint villageId={props.villageId} advisors={props.advisors} onDone={() => void reload()} />}
    </div>
  );
}
