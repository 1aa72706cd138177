// 来访登记: one walk-in visit in a few keystrokes. The form opens on the topic: its digit picks it (2 婚姻家庭),
// Enter records (1 person, answered on the spot, now); Ctrl+Enter records from anywhere, the note too.
// The visit's id is the intent's command id, and its time is fixed at the first attempt: a retry after a
// network error sends the same visit, which the service records once.
import { useEffect, useRef, useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { answers, keyOf, topicNames, topics } from './words.js';

export interface Recorded {
  readonly consultationId: string;
  readonly position: string | null;
  readonly persons: number;
  readonly topic: string;
}

/** Today at `hh:mm` Beijing time, as an instant; blank is now. */
function visitTime(hhmm: string): string {
  if (!hhmm) return new Date().toISOString();
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return new Date(`${today}T${hhmm}:00+08:00`).toISOString();
}

const blank = { persons: '1', topic: 'labour', answer: 'answered_on_the_spot', referredTo: '', time: '', note: '' };

export function WalkInForm(props: { placeId: string; placeName: string; onRecorded: (r: Recorded) => void }) {
  const [draft, setDraft] = useState(blank);
  const [last, setLast] = useState<Recorded | undefined>();
  const intent = useIntent();
  const firstTry = useRef<{ id: string; at: string } | undefined>(undefined);
  const topicRef = useRef<HTMLSelectElement>(null);
  useEffect(() => topicRef.current?.focus(), []);
  const errors = fieldErrors(intent.problem);
  const set = (key: keyof typeof blank) => (e: Event) => setDraft({ ...draft, [key]: (e.target as HTMLInputElement).value });
  const referred = draft.answer === 'referred_to_other_authority';

  const submit = async () => {
    const persons = Number(draft.persons);
    const body = await intent.run((commandId) => {
      if (firstTry.current?.id !== commandId) firstTry.current = { id: commandId, at: visitTime(draft.time) };
      return call<{ consultationId: string; position: string | null }>('legal-aid', '/walk-in-consultations', {
        body: {
          consultationId: commandId, placeId: props.placeId, occurredAt: firstTry.current.at, persons: Number.isFinite(persons) ? persons : draft.persons,
          topic: draft.topic, answer: draft.answer, ...(referred ? { referredTo: draft.referredTo } : {}), ...(draft.note.trim() ? { note: draft.note } : {}),
        },
      });
    });
    if (!body) return;
    const recorded = { consultationId: body.consultationId, position: body.position, persons, topic: draft.topic };
    setLast(recorded);
    setDraft(blank);
    topicRef.current?.focus();
    props.onRecorded(recorded);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const target = e.target as HTMLElement;
    if (e.key !== 'Enter' || target.tagName === 'BUTTON') return;
    if (target.tagName === 'TEXTAREA' && !e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    void submit();
  };

  return (
    <form
      class="walk-in"
      data-form="walk-in"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div class="form-grid">
        <Field label="咨询事项（按数字键选）" name="topic" error={errors.topic}>
          <select {...inputProps('topic', errors.topic)} ref={topicRef} value={draft.topic} onChange={set('topic')}>
            {topics.map(([key, label], i) => (
              <option key={key} value={key}>
                {keyOf(i)} {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="人数（人次）" name="persons" error={errors.persons}>
          <input {...inputProps('persons', errors.persons)} type="number" min={1} max={50} inputMode="numeric" value={draft.persons} onInput={set('persons')} />
        </Field>
        <Field label="答复方式" name="answer" error={errors.answer}>
          <select {...inputProps('answer', errors.answer)} value={draft.answer} onChange={set('answer')}>
            {answers.map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="来访时间（空为现在）" name="occurredAt" error={errors.occurredAt}>
          <input {...inputProps('occurredAt', errors.occurredAt)} type="time" value={draft.time} onInput={set('time')} />
        </Field>
        {referred && (
          <Field label="转往何处" name="referredTo" error={errors.referredTo} wide>
            <input {...inputProps('referredTo', errors.referredTo)} value={draft.referredTo} onInput={set('referredTo')} placeholder="如：区人力资源和社会保障局劳动监察大队" />
          </Field>
        )}
        <Field label="备注（不写姓名、证件号、电话）" name="note" error={errors.note} wide={referred} hint="Ctrl+Enter 登记">
          <textarea {...inputProps('note', errors.note)} rows={1} value={draft.note} onInput={set('note')} />
        </Field>
      </div>
      <p class="row-actions">
        <button type="submit" disabled={intent.busy}>
          {intent.busy ? '正在登记…' : '登记（Enter）'}
        </button>
        <span class="muted">登记地点：{props.placeName}</span>
        {last && !intent.problem && (
          <span class="done" role="status" data-recorded={last.consultationId}>
            已登记：{topicNames[last.topic] ?? last.topic} {last.persons} 人次。登记错了可在下方列表作废。
          </span>
        )}
      </p>
      {errors.placeId ? (
        <p class="problem" role="alert" data-field-problem="placeId">
          {props.placeName}不是您可以登记来访的接待场所（公共法律服务中心、法律援助工作站或村（社区）法律服务室），不能在此登记。
        </p>
      ) : (
        <ProblemNote problem={intent.problem} what="这次来访登记" />
      )}
    </form>
  );
}
