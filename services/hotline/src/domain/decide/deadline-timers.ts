// The durable timer fires at a due moment with the due time it was set for. Idempotent and honest:
// no event once the order was signed for / replied to (or returned), none for a due time that has since
// moved (an approved extension or a redo), none twice; a timer firing early is refused.
import type { RecordReplyOverdue, RecordSignForOverdue } from '../commands.js';
import { WorkOrderRuleBroken } from '../errors.js';
import type { ReplyOverdue, SignForOverdue } from '../events.js';
import { instant, requireDispatched } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { WorkOrderState } from '../state.js';

export function recordSignForOverdue(
  command: RecordSignForOverdue,
  state: WorkOrderState,
  { now }: DecisionContext,
): SignForOverdue[] {
  const order = requireDispatched(state);
  const dueAt = instant(command.data.dueAt);
  if (order.status !== 'awaiting_sign_for' || dueAt !== order.signForDueAt || order.signForOverdue) return [];
  if (now.getTime() < command.data.dueAt.getTime()) throw new WorkOrderRuleBroken('deadline_not_reached');
  return [{ type: 'SignForOverdue', data: { by: { kind: 'deadline_timer' }, dueAt, recordedAt: instant(now) } }];
}

export function recordReplyOverdue(
  command: RecordReplyOverdue,
  state: WorkOrderState,
  { now }: DecisionContext,
): ReplyOverdue[] {
  const order = requireDispatched(state);
  const dueAt = instant(command.data.dueAt);
  const open = order.status === 'awaiting_sign_for' || order.status === 'handling';
  if (!open || dueAt !== order.replyDueAt || order.replyOverdueFor === dueAt) return [];
  if (now.getTime() < command.data.dueAt.getTime()) throw new WorkOrderRuleBroken('deadline_not_reached');
  return [{ type: 'ReplyOverdue', data: { by: { kind: 'deadline_timer' }, dueAt, recordedAt: instant(now) } }];
}
