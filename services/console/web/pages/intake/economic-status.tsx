// 经济困难状况: the reviewer records how the applicant's hardship was established, in each of the ways the
// service accepts (Legal Aid Law Arts. 32, 34, 41, 42): data sharing, the personal pledge, exempt from
// verification with its ground and proof, or no economic condition at all. The service's 400 (a field
// missing) and 422 (a ground that does not fit the recipient or the matter) are shown on the field.
import { useState } from 'preact/hooks';
import { call } from '../../api.js';
import { fieldErrors, inPersonsTerms } from '../../problems.js';
import { Field, inputProps, ProblemNote, useIntent } from '../../ui.js';
import { art32GroundNames, art42GroundNames, economicStatusKindNames } from './words.js';

interface Recorded {
  position: string | null;
  alreadyApplied: boolean;
}

type Kind = keyof typeof economicStatusKindNames;
const kinds = Object.keys(economicStatusKindNames) as Kind[];

/** The rules the service names on a 422, and the field each concerns. */
const ruleFields: Readonly<Record<string, string>> = {
  art42_not_applicable: 'ground', art42_proof_required: 'proof', art32_not_applicable: 'ground', invalid_time: 'pledgeSignedAt', text_required: 'source',
};

/** Now in Beijing time, as a datetime-local input shows it. */
const beijingNow = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 16);

function bodyOf(kind: Kind, v: Record<string, string>): Record<string, unknown> {
  switch (kind) {
    case 'personal_pledge':
      return { kind, pledgeSignedAt: v.pledgeSignedAt ? `${v.pledgeSignedAt}:00+08:00` : '' };
    case 'data_sharing':
      return { kind, meetsStandard: v.meetsStandard !== 'no', source: v.source ?? '', reference: v.reference?.trim() ? v.reference : null };
    case 'art42_exempt':
      return { kind, ground: v.ground42 ?? 'social_or_judicial_assistance_or_preferential_care', proof: v.proof ?? '' };
    case 'art32_not_required':
      return { kind, ground: v.ground32 ?? 'abuse_abandonment_or_domestic_violence' };
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

export function EconomicStatusForm(props: { caseId: string; onDone: (what: string, r: Recorded) => void }) {
  const intent = useIntent();
  const [kind, setKind] = useState<Kind>('personal_pledge');
  const [values, setValues] = useState<Record<string, string>>({ pledgeSignedAt: beijingNow() });
  const problem = intent.problem;
  const errors = Object.fromEntries(Object.entries(fieldErrors(problem)).map(([k, v]) => [k.replace(/^status\./, ''), v]));
  const ruleField = problem?.status === 422 && problem.rule ? ruleFields[problem.rule] : undefined;
  if (problem && ruleField) errors[ruleField] ??= inPersonsTerms(problem);
  // The two grounds are one field to the service, two selects here.
  const errorOf = (name: string) => errors[name === 'ground42' || name === 'ground32' ? 'ground' : name];
  const set = (name: string) => (e: Event) => setValues({ ...values, [name]: (e.target as HTMLInputElement).value });
  const input = (name: string, label: string, extra: Record<string, unknown> = {}) => (
    <Field label={label} name={`economic-status-${name}`} error={errorOf(name)}>
      <input type="text" {...inputProps(`economic-status-${name}`, errorOf(name))} value={values[name] ?? ''} onInput={set(name)} {...extra} />
    </Field>
  );
  const select = (name: string, label: string, options: Readonly<Record<string, string>>) => (
    <Field label={label} name={`economic-status-${name}`} error={errorOf(name)}>
      <select {...inputProps(`economic-status-${name}`, errorOf(name))} value={values[name] ?? Object.keys(options)[0]} onChange={set(name)}>
        {Object.entries(options).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const recorded = await intent.run((commandId) => call<Recorded>('legal-aid', `/files/${encodeURIComponent(props.caseId)}/economic-status`, { body: { commandId, status: bodyOf(kind, values) } }));
    if (recorded) props.onDone(`经济困难状况（${economicStatusKindNames[kind]}）`, recorded);
  };
  return (
    <form class="action" onSubmit={submit} data-action="economic-status" data-kind={kind} aria-label="经济困难状况">
      <h3>经济困难状况</h3>
      <Field label="认定方式" name="economic-status-kind">
        <select {...inputProps('economic-status-kind', undefined)} value={kind} onChange={(e) => { setKind((e.target as HTMLSelectElement).value as Kind); intent.clear(); }}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {economicStatusKindNames[k]}
            </option>
          ))}
        </select>
      </Field>
      {kind === 'personal_pledge' && input('pledgeSignedAt', '承诺书签署时间（北京时间）', { type: 'datetime-local' })}
      {kind === 'data_sharing' && (
        <>
          {select('meetsStandard', '核查结果', { yes: '符合本省经济困难标准', no: '不符合' })}
          {input('source', '核查来源（如：民政部门低保信息共享）')}
          {input('reference', '核查编号（可不填）')}
        </>
      )}
      {kind === 'art42_exempt' && (
        <>
          {select('ground42', '免予核查情形（第四十二条）', art42GroundNames)}
          {input('proof', '证明材料（如：最低生活保障证编号）')}
        </>
      )}
      {kind === 'art32_not_required' && select('ground32', '情形（第三十二条）', art32GroundNames)}
      <ProblemNote problem={problem && !problem.errors?.length && !ruleField ? problem : undefined} what="这份申请" />
      <button type="submit" disabled={intent.busy}>
        {intent.busy ? '提交中…' : '记录'}
      </button>
    </form>
  );
}
