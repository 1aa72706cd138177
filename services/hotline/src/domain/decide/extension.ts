// 延期: requested with a reason before the due time; approved or rejected by the platform. Approved
// extensions over the order's whole life (redo rounds included) are capped (default 10 working days).
import type { ExtensionGrant, RecordExtensionApproved, RecordExtensionRejected, RequestExtension } from '../commands.js';
import { extendDue, officeHoursRecord, workingDaysToReach } from '../deadlines.js';
import { WorkOrderRuleBroken } from '../errors.js';
import type { ExtensionApproved, ExtensionRejected, ExtensionRequested } from '../events.js';
import { at, instant, requireOpen, requirePlatform, requireText, requireWithCentre, requireWorkingDays } from '../guards.js';
import type { DecisionContext, HotlineRules } from '../rules.js';
import type { Handling, WorkOrderState } from '../state.js';
import { platform, staff } from '../vocabulary.js';

/**
 * Needs sign-for (the handling unit asks for time), no other extension pending, a moment strictly before
 * the current reply due time ("an extension after the due time" is refused), and room under the cap.
 */
export function requestExtension(command: RequestExtension, state: WorkOrderState, { now, rules }: DecisionContext): ExtensionRequested[] {
  const order = requireOpen(state);
  if (order.status === 'awaiting_sign_for') throw new WorkOrderRuleBroken('extension_before_sign_for');
  if (order.pendingExtension !== null) throw new WorkOrderRuleBroken('extension_pending');
  const reason = requireText(command.data.reason, 'reason_required');
  const workingDays = requireWorkingDays(command.data.workingDays);
  const requestedAt = instant(now);
  if (at(requestedAt) >= at(order.replyDueAt)) throw new WorkOrderRuleBroken('extension_after_due');
  if (order.extensionWorkingDaysApproved + workingDays > rules.limits.extensionCapWorkingDays) {
    throw new WorkOrderRuleBroken('extension_cap_exceeded');
  }
  return [{ type: 'ExtensionRequested', data: { by: staff(command.data.staffId), reason, workingDays, requestedAt } }];
}

/** The platform's decision is recorded even when it grants more than the cap: the due time is cut to the cap. */
export function recordExtensionApproved(
  command: RecordExtensionApproved,
  state: WorkOrderState,
  { now, rules }: DecisionContext,
): ExtensionApproved[] {
  const order = pendingExtensionOf(state, command.data.platformId);
  const { replyDueAt, workingDays, capped, grantedAs } = grantedDue(rules, order, command.data.grant);
  return [
    {
      type: 'ExtensionApproved',
      data: {
        by: platform(order.platformId),
        approvedAt: instant(now),
        previousReplyDueAt: order.replyDueAt,
        replyDueAt,
        workingDays,
        capped,
        grantedAs,
        calendarVersion: rules.calendar.version,
        ...officeHoursRecord(rules),
      },
    },
  ];
}

export function recordExtensionRejected(
  command: RecordExtensionRejected,
  state: WorkOrderState,
  { now }: DecisionContext,
): ExtensionRejected[] {
  const order = pendingExtensionOf(state, command.data.platformId);
  return [
    { type: 'ExtensionRejected', data: { by: platform(order.platformId), reason: command.data.reason, rejectedAt: instant(now) } },
  ];
}

/** A reply lapses a pending extension, so after a reply there is none to decide on. */
function pendingExtensionOf(state: WorkOrderState, platformId: string): Handling {
  const order = requireWithCentre(state);
  requirePlatform(order, platformId);
  if (order.status !== 'handling' || order.pendingExtension === null) throw new WorkOrderRuleBroken('no_extension_pending');
  return order;
}

function grantedDue(
  { calendar, limits }: HotlineRules,
  order: Handling,
  grant: ExtensionGrant,
): { replyDueAt: string; workingDays: number; capped: boolean; grantedAs: 'working_days' | 'date' } {
  const current = new Date(order.replyDueAt);
  const room = Math.max(0, limits.extensionCapWorkingDays - order.extensionWorkingDaysApproved);
  // Cut to the cap, the grant is the working days left: the due time then moves with the calendar.
  const atCap = { replyDueAt: extendDue(calendar, current, room).toISOString(), workingDays: room, capped: true, grantedAs: 'working_days' as const };
  switch (grant.kind) {
    case 'working_days': {
      const granted = requireWorkingDays(grant.workingDays);
      if (granted > room) return atCap;
      return { replyDueAt: extendDue(calendar, current, granted).toISOString(), workingDays: granted, capped: false, grantedAs: 'working_days' };
    }
    case 'due_time': {
      const target = instant(grant.replyDueAt);
      if (at(target) <= current.getTime()) throw new WorkOrderRuleBroken('invalid_new_due');
      const needed = workingDaysToReach(calendar, current, grant.replyDueAt, room);
      if (needed === undefined) return atCap;
      return { replyDueAt: target, workingDays: needed, capped: false, grantedAs: 'date' };
    }
    default: {
      const unknown: never = grant;
      return unknown;
    }
  }
}
