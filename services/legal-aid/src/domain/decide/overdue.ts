// What the durable timers record at a due moment. Idempotent and honest: nothing once the step is done,
// nothing for a due time that has since moved (a pause, a transfer's new limit, a correction), nothing
// twice; a timer firing early is refused. 视为撤回 is the materials timer's.
import type {
  RecordAssignmentOverdue,
  RecordCustodyForwardingOverdue,
  RecordDeemedWithdrawn,
  RecordObjectionDecisionOverdue,
  RecordReviewOverdue,
} from '../commands.js';
import { LegalAidRuleBroken } from '../errors.js';
import type {
  ApplicationDeemedWithdrawn,
  AssignmentOverdue,
  CustodyForwardingOverdue,
  ObjectionDecisionOverdue,
  ReviewOverdue,
} from '../events.js';
import { instant } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';

function due(dueAt: Date, now: Date): { dueAt: string; recordedAt: string } {
  if (now.getTime() < dueAt.getTime()) throw new LegalAidRuleBroken('deadline_not_reached');
  return { dueAt: instant(dueAt), recordedAt: instant(now) };
}

export function recordReviewOverdue({ data: c }: RecordReviewOverdue, state: LegalAidState, { now }: DecisionContext): ReviewOverdue[] {
  const dueAt = instant(c.dueAt);
  if (state.status !== 'in_review' || state.review.current.dueAt !== dueAt || state.review.overdueFor === dueAt) return [];
  return [{ type: 'ReviewOverdue', data: due(c.dueAt, now) }];
}

export function recordDeemedWithdrawn({ data: c }: RecordDeemedWithdrawn, state: LegalAidState, { now }: DecisionContext): ApplicationDeemedWithdrawn[] {
  if (state.status !== 'awaiting_materials' || state.materials.due.dueAt !== instant(c.dueAt)) return [];
  return [{ type: 'ApplicationDeemedWithdrawn', data: due(c.dueAt, now) }];
}

export function recordAssignmentOverdue({ data: c }: RecordAssignmentOverdue, state: LegalAidState, { now }: DecisionContext): AssignmentOverdue[] {
  if (state.status === 'none' || state.status === 'awaiting_custody_forwarding') return [];
  const dueAt = instant(c.dueAt);
  if (state.lawyer !== null || state.assignmentDue?.dueAt !== dueAt || state.assignmentOverdueFor === dueAt) return [];
  const waiting = state.status === 'approved' || state.status === 'notified' || (state.status === 'in_review' && state.preliminaryAid !== null);
  if (!waiting) return [];
  return [{ type: 'AssignmentOverdue', data: due(c.dueAt, now) }];
}

export function recordObjectionDecisionOverdue(
  { data: c }: RecordObjectionDecisionOverdue,
  state: LegalAidState,
  { now }: DecisionContext,
): ObjectionDecisionOverdue[] {
  const dueAt = instant(c.dueAt);
  if (state.status !== 'objection_pending' || state.objection.decision.dueAt !== dueAt || state.objection.overdueFor === dueAt) return [];
  return [{ type: 'ObjectionDecisionOverdue', data: due(c.dueAt, now) }];
}

/** Art. 39: the authority has not forwarded within 24 clock hours of receiving the application. */
export function recordCustodyForwardingOverdue(
  { data: c }: RecordCustodyForwardingOverdue,
  state: LegalAidState,
  { now }: DecisionContext,
): CustodyForwardingOverdue[] {
  if (state.status !== 'awaiting_custody_forwarding' || state.forwardingOverdue || state.forwarding.dueAt !== instant(c.dueAt)) return [];
  return [{ type: 'CustodyForwardingOverdue', data: due(c.dueAt, now) }];
}
