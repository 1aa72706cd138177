// 加载新年度日历: the year, the notice it comes from, its days off and make-up working days, one per line
// as published ("2027-01-01/2027-01-03" for a run of days). One intent, one command id, sent to every
// service that keeps the calendar; a line the service refuses is named against its field.
import { useState } from 'preact/hooks';
import { call, type Answer } from '../../api.js';
import type { Problem } from '../../api.js';
import { fieldErrors } from '../../problems.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { calendarServices, serviceNames } from './words.js';

interface Loaded {
  year: string;
  calendarVersion: string;
  years: number[];
  alreadyApplied?: boolean;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

/** `off[3]` → the `off` field, saying which line: the service counts the lines sent, from 0. */
function calendarFieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrors(problem))) {
    const line = /^(\w+)\[(\d+)\]$/.exec(field);
    const name = line?.[1] ?? field;
    out[name] ??= line ? `第 ${Number(line[2]) + 1} 行：${message}` : message;
  }
  return out;
}

export function CalendarLoadForm(props: { onLoaded: () => void }) {
  const intent = useIntent();
  const [values, setValues] = useState({ year: String(new Date().getFullYear() + 1), source: '', off: '', work: '', replaceExisting: false });
  const [done, setDone] = useState<string | undefined>();
  const [failedAt, setFailedAt] = useState<string | undefined>();
  const errors = calendarFieldErrors(intent.problem);
  const set = (name: keyof typeof values) => (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value });
  const submit = async (event: Event) => {
    event.preventDefault();
    setDone(undefined);
    const body = (commandId: string) => ({ commandId, source: values.source, off: lines(values.off), work: lines(values.work), replaceExisting: values.replaceExisting });
    const loaded = await intent.run(async (commandId): Promise<Answer<Loaded[]>> => {
      const all: Loaded[] = [];
      for (const service of calendarServices) {
        const answer = await call<Loaded>(service, `/calendar/years/${encodeURIComponent(values.year)}`, { method: 'PUT', body: body(commandId) });
        if (!answer.ok) {
          setFailedAt(serviceNames[service]);
          return answer;
        }
        all.push(answer.body);
      }
      setFailedAt(undefined);
      return { ok: true, status: 200, body: all, headers: new Headers() };
    });
    if (loaded) {
      const again = loaded.every((l) => l.alreadyApplied);
      setDone(again ? `${values.year} 年日历此前已加载，内容相同，未重复记录。` : `${values.year} 年日历已加载，各服务已按其计算时限。`);
      props.onLoaded();
    }
  };
  const rest = intent.problem && !intent.problem.errors?.length ? intent.problem : undefined;
  return (
    <form class="action calendar-load" onSubmit={submit} aria-label="加载新年度日历" data-action="calendar-load">
      <h2>加载新年度日历</h2>
      {done && (
        <p class="done" role="status">
          {done}
        </p>
      )}
      <div class="form-grid">
        <Field label="年度" name="year" error={errors.year}>
          <input {...inputProps('year', errors.year)} inputMode="numeric" maxLength={4} value={values.year} onInput={set('year')} />
        </Field>
        <Field label="依据（通知名称）" name="source" error={errors.source} wide>
          <input {...inputProps('source', errors.source)} maxLength={500} value={values.source} onInput={set('source')} placeholder="国务院办公厅关于2027年部分节假日安排的通知" />
        </Field>
        <Field label="更正已加载的年度" name="replaceExisting" hint="仅在通知更正时勾选">
          <input {...inputProps('replaceExisting', undefined)} type="checkbox" class="check" checked={values.replaceExisting} onChange={(e) => setValues({ ...values, replaceExisting: (e.target as HTMLInputElement).checked })} />
        </Field>
        <Field label="放假日（每行一项：日期或 起/止）" name="off" error={errors.off} wide hint="例：2027-01-01/2027-01-03">
          <textarea {...inputProps('off', errors.off)} rows={6} value={values.off} onInput={set('off')} />
        </Field>
        <Field label="调休上班日（每行一个周六或周日）" name="work" error={errors.work} wide hint="例：2027-02-20">
          <textarea {...inputProps('work', errors.work)} rows={6} value={values.work} onInput={set('work')} />
        </Field>
      </div>
      {rest && failedAt && <p class="muted">{failedAt}未能加载：</p>}
      <ProblemNote problem={rest} what="该年度日历" />
      {intent.problem?.errors?.length ? <ProblemNote problem={intent.problem} /> : null}
      <button type="submit" disabled={intent.busy}>
        {intent.busy ? '加载中…' : '加载'}
      </button>
    </form>
  );
}
