// A small act with a reason (退回, 作废, 重新打开; 说明 with its cause): its own intent, the reason's field
// marked when the service names it.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { formErrors } from './errors.js';
import type { Recorded } from './shapes.js';
import { causeNames } from './words.js';

export function ReasonForm(props: {
  name: string;
  path: string;
  label: string;
  submitLabel: string;
  withCause?: boolean;
  onDone: (recorded: Recorded) => void;
  onCancel?: () => void;
}) {
  const intent = useIntent();
  const [reason, setReason] = useState('');
  const [cause, setCause] = useState('advisor_ill');
  const errors = formErrors(intent.problem);
  const submit = async (event: Event) => {
    event.preventDefault();
    const recorded = await intent.run((commandId) =>
      call<Recorded>('advisors', props.path, { body: { commandId, reason, ...(props.withCause ? { cause } : {}) } }),
    );
    if (recorded) {
      setReason('');
      props.onDone(recorded);
    }
  };
  const id = `${props.name}-reason`;
  return (
    <form class="action" data-action={props.name} onSubmit={(e) => void submit(e)} aria-label={props.submitLabel}>
      {props.withCause && (
        <Field label="原因" name={`${props.name}-cause`} error={errors.cause}>
          <select {...inputProps(`${props.name}-cause`, errors.cause)} value={cause} onChange={(e) => setCause((e.target as HTMLSelectElement).value)}>
            {Object.entries(causeNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label={props.label} name={id} error={errors.reason}>
        <textarea rows={2} maxLength={2000} {...inputProps(id, errors.reason)} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      <ProblemNote problem={intent.problem && !errors.reason && !errors.cause ? intent.problem : undefined} what="这份台账" />
      <p class="row-actions">
        <button type="submit" disabled={intent.busy}>
          {intent.busy ? '提交中…' : props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="quiet" onClick={props.onCancel}>
            取消
          </button>
        )}
      </p>
    </form>
  );
}

/** A bare act (开始审核, 审核通过): one button, one intent. */
export function ActButton(props: { name: string; path: string; label: string; busyLabel: string; primary?: boolean; onDone: (recorded: Recorded) => void }) {
  const intent = useIntent();
  const act = async () => {
    const recorded = await intent.run((commandId) => call<Recorded>('advisors', props.path, { body: { commandId } }));
    if (recorded) props.onDone(recorded);
  };
  return (
    <div data-action={props.name}>
      <ProblemNote problem={intent.problem} what="这份台账" />
      <button type="button" class={props.primary ? 'primary' : ''} disabled={intent.busy} onClick={() => void act()}>
        {intent.busy ? props.busyLabel : props.label}
      </button>
    </div>
  );
}
