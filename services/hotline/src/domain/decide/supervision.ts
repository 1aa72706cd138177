// 催办 / 督办 and 通报.
import type { RecordNoticeIssued, UrgeWorkOrder } from '../commands.js';
import type { WorkOrderNoticeIssued, WorkOrderUrged } from '../events.js';
import { instant, requireOpen, requirePlatform, requireText, requireWithCentre } from '../guards.js';
import { isOverdue } from '../overdue.js';
import type { DecisionContext } from '../rules.js';
import type { WorkOrderState } from '../state.js';
import { platform } from '../vocabulary.js';

/**
 * Urging is for an order still open. Repeated overdue leads to a formal notice (domain reference §1); the
 * bureau's rule: the Nth urge received while overdue (limits.noticeAfterUrgesWhileOverdue, default the 2nd)
 * issues one notice, once per reply due time (an approved extension or a redo starts the count again).
 */
export function urge(
  command: UrgeWorkOrder,
  state: WorkOrderState,
  { now, rules }: DecisionContext,
): (WorkOrderUrged | WorkOrderNoticeIssued)[] {
  const order = requireOpen(state);
  requirePlatform(order, command.data.platformId);
  const urgedAt = instant(now);
  const overdue = isOverdue(order, now);
  const urged: WorkOrderUrged = {
    type: 'WorkOrderUrged',
    data: { by: platform(order.platformId), level: command.data.level, note: command.data.note, urgedAt, overdue },
  };
  const threshold = rules.limits.noticeAfterUrgesWhileOverdue;
  if (!overdue || threshold === null || order.urgesWhileOverdue + 1 !== threshold) return [urged];
  const notice: WorkOrderNoticeIssued = {
    type: 'WorkOrderNoticeIssued',
    data: {
      by: { kind: 'rule', rule: 'repeated_urging_while_overdue' },
      note: `超期后第${threshold}次催办，予以通报 / urged ${threshold} times while overdue`,
      issuedAt: urgedAt,
    },
  };
  return [urged, notice];
}

/** 通报 from the platform: also after a reply (lateness is often noticed afterwards), not after a return. */
export function recordNotice(command: RecordNoticeIssued, state: WorkOrderState, { now }: DecisionContext): WorkOrderNoticeIssued[] {
  const order = requireWithCentre(state);
  requirePlatform(order, command.data.platformId);
  const note = requireText(command.data.note, 'note_required');
  return [{ type: 'WorkOrderNoticeIssued', data: { by: platform(order.platformId), note, issuedAt: instant(now) } }];
}
