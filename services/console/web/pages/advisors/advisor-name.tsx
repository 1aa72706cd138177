// An advisor shown to a person: by name (their firm and register id in the tooltip), as the service names
// them from the register; the register id alone means nothing to an office or an auditor.
import type { AdvisorNamed, AdvisorShare } from './shapes.js';
import { hours } from './words.js';

export function AdvisorName(props: { advisorId: string; advisor: AdvisorNamed | null }) {
  const { advisor } = props;
  return (
    <span data-advisor={props.advisorId} title={advisor ? `${advisor.firm}（顾问编号 ${props.advisorId}）` : `顾问编号 ${props.advisorId}`}>
      {advisor ? advisor.name : '名册中无此顾问'}
    </span>
  );
}

/** Each advisor's on-site share of a village's month: 陈律师 4.5 小时；李律师 2 小时. */
export function AdvisorShares(props: { shares: readonly AdvisorShare[] }) {
  if (props.shares.length === 0) return <>—</>;
  return (
    <>
      {props.shares.map((s, i) => (
        <span key={s.advisorId}>
          {i > 0 && '；'}
          <AdvisorName advisorId={s.advisorId} advisor={s.advisor} /> {hours(s.onSiteMinutes)}
        </span>
      ))}
    </>
  );
}
