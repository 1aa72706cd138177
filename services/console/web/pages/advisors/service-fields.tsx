// The fields of one service (登记 and 更正 share them): what the advisor says about it, in the ledger's
// order, named as the service names them so a 400's field (`body.durationMinutes`) marks its input.
import type { ComponentChildren } from 'preact';
import { Field, inputProps } from '../../ui.js';
import type { EntryContent, MyAppointment } from './shapes.js';
import { modeNames, reviewSubjectNames, serviceTypes, typeNames } from './words.js';

export interface ServiceValues {
  date: string;
  villageId: string;
  startTime: string;
  type: string;
  reviewSubject: string;
  hours: string;
  mode: string;
  persons: string;
  summary: string;
  legalAidApplicationId: string;
}

export function emptyService(date: string, villageId: string): ServiceValues {
  return { date, villageId, startTime: '', type: 'consultation', reviewSubject: '', hours: '', mode: 'on_site', persons: '', summary: '', legalAidApplicationId: '' };
}

export function valuesOf(content: EntryContent, villageId: string): ServiceValues {
  return {
    date: content.date, villageId, startTime: content.startTime ?? '', type: content.type, reviewSubject: content.reviewSubject ?? '',
    hours: String(Math.round((content.durationMinutes / 60) * 100) / 100), mode: content.mode,
    persons: content.personsServed.map((p) => `${p.name}${p.phone ? ` ${p.phone}` : ''}`).join('\n'),
    summary: content.summary, legalAidApplicationId: content.legalAidApplicationId ?? '',
  };
}

/** One person a line, "姓名 电话" (the phone may be left out). */
function personsOf(text: string) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).map((line) => {
    const [name = '', ...rest] = line.split(/[\s,，、]+/);
    return { name, phone: rest.join('') || null };
  });
}

/** The service's fields as the service's routes take them (no commandId, no village). */
export function detailsOf(v: ServiceValues) {
  return {
    date: v.date,
    startTime: v.startTime || null,
    type: v.type,
    reviewSubject: v.type === 'review' && v.reviewSubject ? v.reviewSubject : null,
    durationMinutes: v.hours.trim() === '' ? 0 : Math.round(Number(v.hours) * 60),
    mode: v.mode,
    personsServed: personsOf(v.persons),
    summary: v.summary,
    legalAidApplicationId: v.type === 'legal_aid_referral' && v.legalAidApplicationId.trim() ? v.legalAidApplicationId.trim() : null,
  };
}

export function ServiceFields(props: {
  prefix: string;
  values: ServiceValues;
  onChange: (values: ServiceValues) => void;
  errors: Record<string, string>;
  villages?: readonly MyAppointment[] | undefined;
  /** More fields at the end of the grid (the log form's evidence). */
  children?: ComponentChildren;
}) {
  const { values, errors, prefix } = props;
  const set = (name: keyof ServiceValues) => (e: Event) => props.onChange({ ...values, [name]: (e.target as HTMLInputElement).value });
  const err = (name: string) => errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const id = (name: string) => `${prefix}-${name}`;
  const villages = props.villages ? [...new Map(props.villages.map((v) => [v.villageId, v])).values()] : undefined;
  return (
    <div class="form-grid">
      {villages && (
        <Field label="村（社区）" name={id('villageId')} error={err('villageId')}>
          <select {...inputProps(id('villageId'), err('villageId'))} value={values.villageId} onChange={set('villageId')}>
            {villages.length === 0 && <option value="">（没有聘任的村或社区）</option>}
            {villages.map((v) => (
              <option key={v.villageId} value={v.villageId}>
                {v.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="服务日期" name={id('date')} error={err('date')}>
        <input type="date" {...inputProps(id('date'), err('date'))} value={values.date} onInput={set('date')} />
      </Field>
      <Field label="开始时间" name={id('startTime')} error={err('startTime')} hint="可不填">
        <input type="time" {...inputProps(id('startTime'), err('startTime'))} value={values.startTime} onInput={set('startTime')} />
      </Field>
      <Field label="服务类型" name={id('type')} error={err('type')}>
        <select {...inputProps(id('type'), err('type'))} value={values.type} onChange={set('type')}>
          {serviceTypes.map((t) => (
            <option key={t} value={t}>
              {typeNames[t]}
            </option>
          ))}
        </select>
      </Field>
      {values.type === 'review' && (
        <Field label="审查对象" name={id('reviewSubject')} error={err('reviewSubject')}>
          <select {...inputProps(id('reviewSubject'), err('reviewSubject'))} value={values.reviewSubject} onChange={set('reviewSubject')}>
            <option value="">（不注明）</option>
            {Object.entries(reviewSubjectNames).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field label="时长（小时）" name={id('durationMinutes')} error={err('durationMinutes')} hint="如 2 或 1.5">
        <input type="number" min={0.25} max={24} step={0.25} inputMode="decimal" {...inputProps(id('durationMinutes'), err('durationMinutes'))} value={values.hours} onInput={set('hours')} />
      </Field>
      <Field label="驻点 / 线上" name={id('mode')} error={err('mode')}>
        <select {...inputProps(id('mode'), err('mode'))} value={values.mode} onChange={set('mode')}>
          {Object.entries(modeNames).map(([k, name]) => (
            <option key={k} value={k}>
              {name}
            </option>
          ))}
        </select>
      </Field>
      {values.type === 'legal_aid_referral' && (
        <Field label="法援申请编号" name={id('legalAidApplicationId')} error={err('legalAidApplicationId')} hint="已知时填写">
          <input type="text" maxLength={100} {...inputProps(id('legalAidApplicationId'), err('legalAidApplicationId'))} value={values.legalAidApplicationId} onInput={set('legalAidApplicationId')} />
        </Field>
      )}
      <Field label="服务对象（每行一人：姓名 电话）" name={id('personsServed')} error={err('personsServed')} wide hint="可不填；电话可省略">
        <textarea rows={2} {...inputProps(id('personsServed'), err('personsServed'))} value={values.persons} onInput={set('persons')} />
      </Field>
      <Field label="内容摘要" name={id('summary')} error={err('summary')} wide>
        <textarea rows={3} maxLength={4000} {...inputProps(id('summary'), err('summary'))} value={values.summary} onInput={set('summary')} />
      </Field>
      {props.children}
    </div>
  );
}
