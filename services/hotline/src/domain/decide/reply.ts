// 办结 / 答复, 回访 and 重办.
import type { RecordFollowUpResult, RedoWorkOrder, ReplyToWorkOrder } from '../commands.js';
import { officeHoursRecord } from '../deadlines.js';
import { WorkOrderRuleBroken } from '../errors.js';
import type { FollowUpResultRecorded, WorkOrderRedoRequested, WorkOrderReplied } from '../events.js';
import { at, instant, requirePlatform, requireText, requireWithCentre } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { Replied, WorkOrderState } from '../state.js';
import { platform, staff } from '../vocabulary.js';

/**
 * Needs sign-for; once per handling round (a redo opens the next); not while a return is pending, because
 * the unit has just said the order is not its own — it waits for the platform, and replies if the return is
 * rejected. A pending extension lapses with the reply. onTime = repliedAt <= replyDueAt.
 */
export function reply(command: ReplyToWorkOrder, state: WorkOrderState, { now }: DecisionContext): WorkOrderReplied[] {
  const order = requireWithCentre(state);
  if (order.status === 'replied') throw new WorkOrderRuleBroken('already_replied');
  if (order.status === 'awaiting_sign_for') throw new WorkOrderRuleBroken('reply_before_sign_for');
  if (order.pendingReturn !== null) throw new WorkOrderRuleBroken('return_pending');
  const answer = requireText(command.data.answer, 'reply_required');
  const repliedAt = instant(now);
  return [
    {
      type: 'WorkOrderReplied',
      data: {
        by: staff(command.data.staffId),
        answer,
        repliedAt,
        replyDueAt: order.replyDueAt,
        onTime: at(repliedAt) <= at(order.replyDueAt),
      },
    },
  ];
}

/** One follow-up result per reply. */
export function recordFollowUp(
  command: RecordFollowUpResult,
  state: WorkOrderState,
  { now }: DecisionContext,
): FollowUpResultRecorded[] {
  const order = requireWithCentre(state);
  requirePlatform(order, command.data.platformId);
  if (order.status !== 'replied') throw new WorkOrderRuleBroken('follow_up_before_reply');
  if (order.followUp !== null) throw new WorkOrderRuleBroken('follow_up_already_recorded');
  return [
    {
      type: 'FollowUpResultRecorded',
      data: { by: platform(order.platformId), result: { ...command.data.result }, recordedAt: instant(now) },
    },
  ];
}

/**
 * Only after a dissatisfied follow-up the platform attributes to the unit. The new reply due time is the
 * platform's when it gives one; otherwise the category's full limit again, counted from the redo, since
 * the unit handles the order anew.
 */
export function redo(command: RedoWorkOrder, state: WorkOrderState, { now, rules }: DecisionContext): WorkOrderRedoRequested[] {
  const order = requireWithCentre(state);
  requirePlatform(order, command.data.platformId);
  if (!redoable(order)) throw new WorkOrderRuleBroken('redo_not_allowed');
  const reason = requireText(command.data.reason, 'reason_required');
  const requestedAt = instant(now);
  const given = command.data.replyDueAt;
  if (given !== null && at(instant(given)) <= at(requestedAt)) throw new WorkOrderRuleBroken('invalid_new_due');
  const workingDays = rules.limits.replyWorkingDays[order.category];
  const replyDueAt = given ?? rules.calendar.addWorkingDays(now, workingDays);
  return [
    {
      type: 'WorkOrderRedoRequested',
      data: {
        by: platform(order.platformId),
        reason,
        requestedAt,
        replyDueAt: replyDueAt.toISOString(),
        replyDueSource: given === null ? 'category_limit' : 'platform',
        ...(given === null ? { workingDays } : {}),
        calendarVersion: rules.calendar.version,
        ...officeHoursRecord(rules),
      },
    },
  ];
}

function redoable(order: WorkOrderState): order is Replied {
  return (
    order.status === 'replied' &&
    order.followUp !== null &&
    order.followUp.satisfaction === 'dissatisfied' &&
    order.followUp.causedByUnit
  );
}
