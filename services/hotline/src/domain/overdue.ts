// 超期: whether an order still with the centre has passed a due time. Computed from `now` rather than
// from the timers' events, so a late timer does not hide an overdue order.
import type { WorkOrderState } from './state.js';

export function isReplyOverdue(state: WorkOrderState, now: Date): boolean {
  if (state.status !== 'awaiting_sign_for' && state.status !== 'handling') return false;
  return now.getTime() > Date.parse(state.replyDueAt);
}

export function isSignForOverdue(state: WorkOrderState, now: Date): boolean {
  return state.status === 'awaiting_sign_for' && now.getTime() > Date.parse(state.signForDueAt);
}

/** Overdue in either sense: not signed for by the sign-for due time, or not replied by the reply due time. */
export function isOverdue(state: WorkOrderState, now: Date): boolean {
  return isSignForOverdue(state, now) || isReplyOverdue(state, now);
}
