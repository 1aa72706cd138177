// 退单 / 回退: the unit says "not ours"; the platform approves (the order leaves) or rejects (it stays and
// its clocks keep running).
import type { RecordReturnApproved, RecordReturnRejected, RequestReturn } from '../commands.js';
import { WorkOrderRuleBroken } from '../errors.js';
import type { ReturnRejected, ReturnRequested, WorkOrderReturned } from '../events.js';
import { at, instant, requireOpen, requirePlatform, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { WorkOrderState } from '../state.js';
import { platform, staff } from '../vocabulary.js';

/** Only while not replied, with no return pending, and by returnWindowEndsAt (2 working days of dispatch). */
export function requestReturn(command: RequestReturn, state: WorkOrderState, { now }: DecisionContext): ReturnRequested[] {
  const order = requireOpen(state);
  if (order.pendingReturn !== null) throw new WorkOrderRuleBroken('return_pending');
  const reason = requireText(command.data.reason, 'reason_required');
  const requestedAt = instant(now);
  if (at(requestedAt) > at(order.returnWindowEndsAt)) throw new WorkOrderRuleBroken('return_window_closed');
  return [{ type: 'ReturnRequested', data: { by: staff(command.data.staffId), reason, requestedAt } }];
}

export function recordReturnApproved(
  command: RecordReturnApproved,
  state: WorkOrderState,
  { now }: DecisionContext,
): WorkOrderReturned[] {
  const order = requireOpen(state);
  requirePlatform(order, command.data.platformId);
  if (order.pendingReturn === null) throw new WorkOrderRuleBroken('no_return_pending');
  return [
    {
      type: 'WorkOrderReturned',
      data: {
        by: platform(order.platformId),
        requestReason: order.pendingReturn.reason,
        reason: command.data.reason,
        returnedAt: instant(now),
      },
    },
  ];
}

export function recordReturnRejected(
  command: RecordReturnRejected,
  state: WorkOrderState,
  { now }: DecisionContext,
): ReturnRejected[] {
  const order = requireOpen(state);
  requirePlatform(order, command.data.platformId);
  if (order.pendingReturn === null) throw new WorkOrderRuleBroken('no_return_pending');
  return [
    { type: 'ReturnRejected', data: { by: platform(order.platformId), reason: command.data.reason, rejectedAt: instant(now) } },
  ];
}
