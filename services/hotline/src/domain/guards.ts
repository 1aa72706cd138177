// Checks shared by the decide functions; each throws the WorkOrderRuleBroken its rule names.
import { WorkOrderRuleBroken, type WorkOrderRule } from './errors.js';
import type { DispatchedWorkOrder, Replied, WorkOrderState } from './state.js';
import type { IsoInstant } from './vocabulary.js';

export function requireDispatched(state: WorkOrderState): DispatchedWorkOrder {
  if (state.status === 'not_dispatched') throw new WorkOrderRuleBroken('not_dispatched');
  return state;
}

/** Dispatched and not returned: a returned order has left the centre, nothing more happens to it. */
export function requireWithCentre(state: WorkOrderState): Exclude<DispatchedWorkOrder, { status: 'returned' }> {
  const order = requireDispatched(state);
  if (order.status === 'returned') throw new WorkOrderRuleBroken('order_returned');
  return order;
}

/** With the centre and not yet replied to: the clocks are running. */
export function requireOpen(state: WorkOrderState): Exclude<DispatchedWorkOrder, { status: 'returned' } | Replied> {
  const order = requireWithCentre(state);
  if (order.status === 'replied') throw new WorkOrderRuleBroken('already_replied');
  return order;
}

export function requirePlatform(order: DispatchedWorkOrder, platformId: string): void {
  if (order.platformId !== platformId) throw new WorkOrderRuleBroken('wrong_platform');
}

export function requireText(value: string, rule: WorkOrderRule): string {
  if (value.trim() === '') throw new WorkOrderRuleBroken(rule);
  return value;
}

export function requireWorkingDays(value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new WorkOrderRuleBroken('invalid_working_days');
  return value;
}

/** A Date as an event instant; an invalid Date is refused rather than written as garbage. */
export function instant(date: Date): IsoInstant {
  if (Number.isNaN(date.getTime())) throw new WorkOrderRuleBroken('invalid_time');
  return date.toISOString();
}

export function at(iso: IsoInstant): number {
  return Date.parse(iso);
}
