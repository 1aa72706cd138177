// 更正: the advisor changes what an entry says, with a reason; only the fields that changed are sent (the
// entry is never edited in place: the ledger keeps the correction beside what it replaced).
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { formErrors } from './errors.js';
import { detailsOf, ServiceFields, valuesOf, type ServiceValues } from './service-fields.js';
import type { LedgerEntry, Recorded } from './shapes.js';

export function CorrectEntry(props: { villageId: string; month: string; entry: LedgerEntry; onDone: (r: Recorded) => void; onCancel: () => void }) {
  const before = valuesOf(props.entry.content, props.villageId);
  const [values, setValues] = useState<ServiceValues>(before);
  const [reason, setReason] = useState('');
  const intent = useIntent();
  const errors = formErrors(intent.problem);
  const submit = async (event: Event) => {
    event.preventDefault();
    const was = detailsOf(before);
    const now = detailsOf(values);
    const correction = Object.fromEntries(Object.entries(now).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(was[k as keyof typeof was])));
    const recorded = await intent.run((commandId) =>
      call<Recorded>('advisors', `/villages/${props.villageId}/ledger/${props.month}/entries/${encodeURIComponent(props.entry.entryId)}/correction`, { body: { commandId, reason, correction } }),
    );
    if (recorded) props.onDone(recorded);
  };
  const nothingChanged = errors.correction !== undefined;
  const id = `correct-${props.entry.entryId}`;
  return (
    <form class="action correct" data-action="correct" onSubmit={(e) => void submit(e)} aria-label="更正记录">
      <h3>更正记录{props.entry.returned ? `（司法所退回：${props.entry.returned.reason}）` : ''}</h3>
      <ServiceFields prefix={id} values={values} onChange={setValues} errors={errors} />
      <Field label="更正理由" name={`${id}-reason`} error={errors.reason}>
        <textarea rows={2} maxLength={2000} {...inputProps(`${id}-reason`, errors.reason)} value={reason} onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)} />
      </Field>
      {nothingChanged && (
        <p class="problem" role="alert">
          没有改动任何内容：请修改需要更正的项目。
        </p>
      )}
      <ProblemNote problem={intent.problem && !Object.keys(errors).length ? intent.problem : undefined} what="这条记录" />
      <p class="row-actions">
        <button type="submit" class="primary" disabled={intent.busy}>
          {intent.busy ? '提交中…' : '提交更正'}
        </button>
        <button type="button" class="quiet" onClick={props.onCancel}>
          取消
        </button>
      </p>
    </form>
  );
}
