// The month-end judgement of the on-site minimum (§3; issue 18: "at month end the shortfalls are recorded
// as events, one per village below the minimum ... a later correction that changes the outcome records a
// new judgement beside the old one"). A month that meets the minimum at its end records nothing.
import { AdvisorRuleBroken } from '../../errors.js';
import { monthEndsAt } from '../../month.js';
import { onSiteCheck } from '../../on-site-minimum.js';
import type { JudgeOnSiteMinimum } from '../commands.js';
import type { LedgerContext } from '../context.js';
import type { LedgerEvent } from '../events.js';
import type { LedgerMonthState } from '../state.js';
import { opening } from './opening.js';

export function judgeOnSiteMinimum(_: JudgeOnSiteMinimum, state: LedgerMonthState, context: LedgerContext): LedgerEvent[] {
  if (context.now < monthEndsAt(context.month)) throw new AdvisorRuleBroken('month_not_ended');
  const check = onSiteCheck(state, context.limits.minimumOnSiteHoursPerMonth);
  const shortByMinutes = check.outcome === 'met' ? 0 : check.shortByMinutes;
  const last = state.status === 'unopened' ? null : state.judgement;
  // Nothing new to say: no judgement yet and the minimum met, or the same judgement as the last one.
  if (last === null ? check.outcome === 'met' : last.outcome === check.outcome && last.shortByMinutes === shortByMinutes) return [];
  return [
    ...opening(state, context),
    {
      type: 'OnSiteMinimumJudged',
      data: {
        outcome: check.outcome,
        onSiteMinutes: check.onSiteMinutes,
        minimumMinutes: check.minimumMinutes,
        shortByMinutes,
        byAdvisor: check.byAdvisor.map(({ advisorId, onSiteMinutes }) => ({ advisorId, onSiteMinutes })),
        judgedAt: context.now.toISOString(),
      },
    },
  ];
}
