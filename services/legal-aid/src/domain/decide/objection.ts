// 异议 (Art. 49): against a refusal or a termination, filed with the justice bureau that set up the office
// (a separate role: the acting organisation must be the bureau that set up the competent office), decided within 5 days of receipt
// (OBJECTION_DECISION_WORKING_DAYS): upheld, or correction ordered. A corrected refusal reopens the review
// on a fresh clock from the order; a corrected termination reinstates the aid.
import type { FileObjection, OrderCorrection, UpholdDecision } from '../commands.js';
import { deadlineFrom } from '../deadlines.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { CorrectionOrdered, ObjectionFiled, ObjectionUpheld } from '../events.js';
import { at, instant, onTime, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState, ObjectionPending, OpenFile } from '../state.js';

/** The justice bureau that set up the competent office, and no other organisation. */
function requireJusticeBureau(file: OpenFile, { organisation, offices }: DecisionContext): void {
  if (organisation.kind !== 'justice_bureau' || offices.justiceBureaus[file.competentOfficeId] !== organisation.id) {
    throw new LegalAidRuleBroken('not_justice_bureau');
  }
}

export function fileObjection({ data: c }: FileObjection, state: LegalAidState, context: DecisionContext): ObjectionFiled[] {
  const file = requireFile(state);
  requireJusticeBureau(file, context);
  if (file.status === 'objection_pending') throw new LegalAidRuleBroken('objection_already_decided');
  if (file.status !== 'refused' && file.status !== 'terminated') throw new LegalAidRuleBroken('not_objectionable');
  // One objection per decision: a new refusal or termination clears the last one.
  if (file.objection !== null) throw new LegalAidRuleBroken('objection_already_decided');
  const against = file.status === 'refused' ? 'refusal' : 'termination';
  const decidedAt = against === 'refusal' ? file.decision?.at : file.termination?.at;
  const { now, rules } = context;
  const filing = rules.limits.objectionFiling;
  if (filing !== null && decidedAt !== undefined && now.getTime() > at(deadlineFrom(rules, filing, new Date(decidedAt)).dueAt)) {
    throw new LegalAidRuleBroken('objection_filing_period_over');
  }
  return [
    {
      type: 'ObjectionFiled',
      data: { against, grounds: requireText(c.grounds), filedAt: instant(now), decision: deadlineFrom(rules, rules.limits.objectionDecision, now) },
    },
  ];
}

function pendingObjection(state: LegalAidState, context: DecisionContext): ObjectionPending {
  const file = requireFile(state);
  requireJusticeBureau(file, context);
  if (file.status !== 'objection_pending') throw new LegalAidRuleBroken('no_objection_pending');
  return file;
}

export function upholdDecision({ data: c }: UpholdDecision, state: LegalAidState, context: DecisionContext): ObjectionUpheld[] {
  const file = pendingObjection(state, context);
  const decidedAt = instant(context.now);
  return [{ type: 'ObjectionUpheld', data: { reasons: requireText(c.reasons), decidedAt, onTime: onTime(decidedAt, file.objection.decision.dueAt) } }];
}

export function orderCorrection({ data: c }: OrderCorrection, state: LegalAidState, context: DecisionContext): CorrectionOrdered[] {
  const file = pendingObjection(state, context);
  const { now, rules } = context;
  const decidedAt = instant(now);
  const { against } = file.objection;
  const green = file.greenChannel.length > 0;
  const reviewLimit = green ? rules.limits.greenChannelReview : rules.limits.review;
  const assignmentLimit = green ? rules.limits.greenChannelAssignment : rules.limits.assignment;
  return [
    {
      type: 'CorrectionOrdered',
      data: {
        against,
        reasons: requireText(c.reasons),
        decidedAt,
        onTime: onTime(decidedAt, file.objection.decision.dueAt),
        review: against === 'refusal' ? deadlineFrom(rules, reviewLimit, now) : null,
        assignment: against === 'termination' && file.lawyer === null ? deadlineFrom(rules, assignmentLimit, now) : null,
      },
    },
  ];
}
