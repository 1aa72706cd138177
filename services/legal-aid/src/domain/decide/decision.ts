// The office decides (Art. 43): approve, or refuse with written reasons and the right to object (Art. 49);
// and, before the review ends, preliminary aid (先行提供, Art. 44). Approval needs the economic status
// established and not failed (Arts. 34, 41), unless the green channel waives the check.
import { addLocalDays } from '@bureau/durable-timers/arithmetic';
import { localDateOf } from '@bureau/working-calendar';
import type { ApproveApplication, DecidePreliminaryAid, PreliminaryAidGroundInput, RefuseApplication } from '../commands.js';
import { deadlineFrom } from '../deadlines.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { ApplicationApproved, ApplicationRefused, PreliminaryAidDecided } from '../events.js';
import { at, instant, onTime, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext, LegalAidRules } from '../rules.js';
import type { InReview, LegalAidState } from '../state.js';
import type { PreliminaryAidGround } from '../vocabulary.js';

function inReview(state: LegalAidState, context: DecisionContext): InReview {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'in_review') throw new LegalAidRuleBroken('not_in_review');
  return file;
}

/** Green channel with the check waived (CONFIGURABLE), or an established status that is not a failure. */
function requireEconomicStatus(file: InReview, rules: LegalAidRules): void {
  const waived = file.greenChannel.length > 0 && rules.limits.greenChannelHardship === 'waived';
  if (file.economicStatus === null) {
    if (waived) return;
    throw new LegalAidRuleBroken('economic_status_required');
  }
  if (file.economicStatus.kind === 'data_sharing' && !file.economicStatus.meetsStandard) throw new LegalAidRuleBroken('hardship_standard_not_met');
}

export function approveApplication(_: ApproveApplication, state: LegalAidState, context: DecisionContext): ApplicationApproved[] {
  const file = inReview(state, context);
  const { now, rules } = context;
  requireEconomicStatus(file, rules);
  const approvedAt = instant(now);
  const limit = file.greenChannel.length > 0 ? rules.limits.greenChannelAssignment : rules.limits.assignment;
  return [
    {
      type: 'ApplicationApproved',
      data: {
        approvedAt,
        reviewDueAt: file.review.current.dueAt,
        onTime: onTime(approvedAt, file.review.current.dueAt),
        // A lawyer who already acts under preliminary aid carries on: nothing left to assign.
        assignment: file.lawyer === null ? deadlineFrom(rules, limit, now) : null,
      },
    },
  ];
}

/** The right to object, with the filing deadline the district may set (Art. 49 sets none: default null). */
export function rightToObject(rules: LegalAidRules, decidedAt: Date) {
  const limit = rules.limits.objectionFiling;
  return { article: 'Art. 49' as const, decidedBy: 'justice_bureau' as const, filingDeadline: limit === null ? null : deadlineFrom(rules, limit, decidedAt) };
}

export function refuseApplication({ data: c }: RefuseApplication, state: LegalAidState, context: DecisionContext): ApplicationRefused[] {
  const file = inReview(state, context);
  const refusedAt = instant(context.now);
  return [
    {
      type: 'ApplicationRefused',
      data: {
        reasons: requireText(c.reasons, 'reasons_required'),
        refusedAt,
        reviewDueAt: file.review.current.dueAt,
        onTime: onTime(refusedAt, file.review.current.dueAt),
        rightToObject: rightToObject(context.rules, context.now),
      },
    },
  ];
}

/** Art. 44: fewer than PRELIMINARY_AID_CALENDAR_DAYS calendar days to a deadline not yet passed, or urgency. */
function groundOf(input: PreliminaryAidGroundInput, { now, rules }: DecisionContext): PreliminaryAidGround {
  switch (input.kind) {
    case 'deadline_near': {
      const deadlineAt = instant(input.deadlineAt);
      const notPassed = at(deadlineAt) > now.getTime();
      const near = localDateOf(input.deadlineAt) < addLocalDays(localDateOf(now), rules.limits.preliminaryAidCalendarDays);
      if (!notPassed || !near) throw new LegalAidRuleBroken('preliminary_aid_not_allowed');
      return { kind: input.kind, deadline: input.deadline, deadlineAt };
    }
    case 'preservation_needed':
      return { kind: input.kind, what: input.what };
    case 'advance_execution':
      return { kind: input.kind };
    default: {
      const unknown: never = input;
      return unknown;
    }
  }
}

export function decidePreliminaryAid({ data: c }: DecidePreliminaryAid, state: LegalAidState, context: DecisionContext): PreliminaryAidDecided[] {
  const file = inReview(state, context);
  if (file.preliminaryAid !== null) throw new LegalAidRuleBroken('preliminary_aid_already_decided');
  const { now, rules } = context;
  return [
    {
      type: 'PreliminaryAidDecided',
      data: { ground: groundOf(c.ground, context), decidedAt: instant(now), assignment: deadlineFrom(rules, rules.limits.preliminaryAidAssignment, now) },
    },
  ];
}
