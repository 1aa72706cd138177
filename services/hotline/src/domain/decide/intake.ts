// 派单, 签收, handling notes, assignment and 并单.
import type {
  AddHandlingNote,
  AssignWorkOrder,
  DispatchWorkOrder,
  MergeWorkOrders,
  SignForWorkOrder,
} from '../commands.js';
import { dispatchDeadlines, officeHoursRecord } from '../deadlines.js';
import { WorkOrderRuleBroken } from '../errors.js';
import type { HandlingNoteAdded, WorkOrderAssigned, WorkOrderDispatched, WorkOrderMerged, WorkOrderSignedFor } from '../events.js';
import { at, instant, requireOpen, requirePlatform, requireText, requireWithCentre } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { DispatchedWorkOrder, WorkOrderState } from '../state.js';
import { platform, staff } from '../vocabulary.js';

/**
 * A second dispatch of an existing order is the platform retrying: identical → no events (the service
 * answers it as a duplicate); anything different → 'already_dispatched'.
 */
export function dispatch(command: DispatchWorkOrder, state: WorkOrderState, { rules }: DecisionContext): WorkOrderDispatched[] {
  const c = command.data;
  const dispatchedAt = instant(c.dispatchedAt);
  const platformDueAt = c.platformDueAt === null ? null : instant(c.platformDueAt);
  if (state.status !== 'not_dispatched') {
    if (sameDispatch(state, command, dispatchedAt, platformDueAt)) return [];
    throw new WorkOrderRuleBroken('already_dispatched');
  }
  requireText(c.externalNumber, 'external_number_required');
  const deadlines = dispatchDeadlines(rules, c.category, c.dispatchedAt, c.platformDueAt);
  return [
    {
      type: 'WorkOrderDispatched',
      data: {
        workOrderId: c.workOrderId,
        by: platform(c.platformId),
        owner: c.owner,
        externalNumber: c.externalNumber,
        category: c.category,
        unitRole: c.unitRole,
        citizen: { name: c.citizen.name, phone: c.citizen.phone },
        content: c.content,
        dispatchedAt,
        platformDueAt,
        ...deadlines,
        limits: {
          signForWorkingHours: rules.limits.signForWorkingHours,
          replyWorkingDays: rules.limits.replyWorkingDays[c.category],
          returnWindowWorkingDays: rules.limits.returnWindowWorkingDays,
        },
        calendarVersion: rules.calendar.version,
        ...officeHoursRecord(rules),
      },
    },
  ];
}

function sameDispatch(
  order: DispatchedWorkOrder,
  { data: c }: DispatchWorkOrder,
  dispatchedAt: string,
  platformDueAt: string | null,
): boolean {
  return (
    order.workOrderId === c.workOrderId &&
    order.platformId === c.platformId &&
    order.owner === c.owner &&
    order.externalNumber === c.externalNumber &&
    order.category === c.category &&
    order.unitRole === c.unitRole &&
    order.citizen.name === c.citizen.name &&
    order.citizen.phone === c.citizen.phone &&
    order.content === c.content &&
    order.dispatchedAt === dispatchedAt &&
    order.platformDueAt === platformDueAt
  );
}

/** 签收, on time when signed by signForDueAt. Not while a return ("not ours") is pending. */
export function signFor(command: SignForWorkOrder, state: WorkOrderState, { now }: DecisionContext): WorkOrderSignedFor[] {
  const order = requireWithCentre(state);
  if (order.status !== 'awaiting_sign_for') throw new WorkOrderRuleBroken('already_signed_for');
  if (order.pendingReturn !== null) throw new WorkOrderRuleBroken('return_pending');
  const signedForAt = instant(now);
  return [
    {
      type: 'WorkOrderSignedFor',
      data: {
        by: staff(command.data.staffId),
        signedForAt,
        signForDueAt: order.signForDueAt,
        onTime: at(signedForAt) <= at(order.signForDueAt),
      },
    },
  ];
}

/** Notes may be added until the order leaves, also after a reply. A retried noteId adds nothing. */
export function addHandlingNote(command: AddHandlingNote, state: WorkOrderState, { now }: DecisionContext): HandlingNoteAdded[] {
  const order = requireWithCentre(state);
  const { noteId, staffId, note } = command.data;
  if (order.noteIds.includes(noteId)) return [];
  requireText(note, 'note_required');
  return [{ type: 'HandlingNoteAdded', data: { noteId, by: staff(staffId), note, addedAt: instant(now) } }];
}

/** Assignment to a staff member while the order is open; assigning the current assignee again adds nothing. */
export function assign(command: AssignWorkOrder, state: WorkOrderState, { now }: DecisionContext): WorkOrderAssigned[] {
  const order = requireOpen(state);
  const { staffId, assigneeStaffId } = command.data;
  if (order.assigneeStaffId === assigneeStaffId) return [];
  return [{ type: 'WorkOrderAssigned', data: { by: staff(staffId), assigneeStaffId, assignedAt: instant(now) } }];
}

/** 并单: records only numbers not merged before (nor the order's own), so a redelivery adds nothing. */
export function merge(command: MergeWorkOrders, state: WorkOrderState, { now }: DecisionContext): WorkOrderMerged[] {
  const order = requireWithCentre(state);
  requirePlatform(order, command.data.platformId);
  const numbers = command.data.externalNumbers.map((n) => n.trim());
  if (numbers.length === 0 || numbers.some((n) => n === '')) throw new WorkOrderRuleBroken('merge_numbers_required');
  const known = new Set([order.externalNumber, ...order.mergedExternalNumbers]);
  const added = [...new Set(numbers)].filter((n) => !known.has(n));
  if (added.length === 0) return [];
  return [{ type: 'WorkOrderMerged', data: { by: platform(order.platformId), externalNumbers: added, mergedAt: instant(now) } }];
}
