// decide: (command, state, context) -> events, or a WorkOrderRuleBroken. Pure: `context.now` is the
// moment of the decision and `context.rules` the calendar and limits; nothing here reads a clock or does I/O.
// An empty result means "already done" (a retried dispatch, note, assignment or merge; a stale or repeated
// timer): the service appends nothing and answers as for a duplicate.
import type { WorkOrderCommand } from './commands.js';
import { recordReplyOverdue, recordSignForOverdue } from './decide/deadline-timers.js';
import { recordExtensionApproved, recordExtensionRejected, requestExtension } from './decide/extension.js';
import { addHandlingNote, assign, dispatch, merge, signFor } from './decide/intake.js';
import { recomputeDeadlines } from './decide/recompute.js';
import { recordFollowUp, redo, reply } from './decide/reply.js';
import { recordReturnApproved, recordReturnRejected, requestReturn } from './decide/return.js';
import { recordNotice, urge } from './decide/supervision.js';
import type { WorkOrderEvent } from './events.js';
import type { DecisionContext } from './rules.js';
import type { WorkOrderState } from './state.js';

export function decide(command: WorkOrderCommand, state: WorkOrderState, context: DecisionContext): WorkOrderEvent[] {
  switch (command.type) {
    case 'RecomputeDeadlines':
      return recomputeDeadlines(command, state, context);
    case 'DispatchWorkOrder':
      return dispatch(command, state, context);
    case 'SignForWorkOrder':
      return signFor(command, state, context);
    case 'AddHandlingNote':
      return addHandlingNote(command, state, context);
    case 'AssignWorkOrder':
      return assign(command, state, context);
    case 'MergeWorkOrders':
      return merge(command, state, context);
    case 'RequestReturn':
      return requestReturn(command, state, context);
    case 'RecordReturnApproved':
      return recordReturnApproved(command, state, context);
    case 'RecordReturnRejected':
      return recordReturnRejected(command, state, context);
    case 'RequestExtension':
      return requestExtension(command, state, context);
    case 'RecordExtensionApproved':
      return recordExtensionApproved(command, state, context);
    case 'RecordExtensionRejected':
      return recordExtensionRejected(command, state, context);
    case 'ReplyToWorkOrder':
      return reply(command, state, context);
    case 'RecordFollowUpResult':
      return recordFollowUp(command, state, context);
    case 'RedoWorkOrder':
      return redo(command, state, context);
    case 'UrgeWorkOrder':
      return urge(command, state, context);
    case 'RecordNoticeIssued':
      return recordNotice(command, state, context);
    case 'RecordSignForOverdue':
      return recordSignForOverdue(command, state, context);
    case 'RecordReplyOverdue':
      return recordReplyOverdue(command, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
