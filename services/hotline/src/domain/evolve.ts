// evolve: pure and total. An event that does not apply to the current status (or a type it does not know)
// leaves the state unchanged, so replaying any stream never throws.
import type { WorkOrderDispatched, WorkOrderEvent } from './events.js';
import type { AwaitingSignFor, DispatchedWorkOrder, Handling, Replied, Returned, WorkOrderFile, WorkOrderState } from './state.js';

export function evolve(state: WorkOrderState, event: WorkOrderEvent): WorkOrderState {
  if (event.type === 'WorkOrderDispatched') {
    return state.status === 'not_dispatched' ? dispatched(event.data) : state;
  }
  if (state.status === 'not_dispatched') return state;
  return evolveDispatched(state, event);
}

/** Replays a stream's events from the initial state. */
export function foldWorkOrder(events: Iterable<WorkOrderEvent>, from: WorkOrderState = { status: 'not_dispatched' }) {
  let state = from;
  for (const event of events) state = evolve(state, event);
  return state;
}

function dispatched(data: WorkOrderDispatched['data']): AwaitingSignFor {
  return {
    status: 'awaiting_sign_for',
    workOrderId: data.workOrderId,
    platformId: data.by.platformId,
    owner: data.owner,
    externalNumber: data.externalNumber,
    category: data.category,
    unitRole: data.unitRole,
    citizen: data.citizen,
    content: data.content,
    dispatchedAt: data.dispatchedAt,
    platformDueAt: data.platformDueAt,
    signForDueAt: data.signForDueAt,
    replyDueAt: data.replyDueAt,
    returnWindowEndsAt: data.returnWindowEndsAt,
    calendarVersion: data.calendarVersion,
    provisionalYears: data.provisionalYears ?? [],
    deadlineBasis: {
      dispatchedAt: data.dispatchedAt,
      signForWorkingHours: data.limits.signForWorkingHours,
      returnWindowWorkingDays: data.limits.returnWindowWorkingDays,
      reply: data.replyDueSource === 'platform'
        ? { from: data.replyDueAt, workingDays: 0, fromIsDue: true }
        : { from: data.dispatchedAt, workingDays: data.limits.replyWorkingDays, fromIsDue: false },
    },
    mergedExternalNumbers: [],
    assigneeStaffId: null,
    noteIds: [],
    signForOverdue: false,
    replyOverdueFor: null,
    replyOverdueCount: 0,
    extensionWorkingDaysApproved: 0,
    extensionsApproved: 0,
    extensionsRejected: 0,
    returnsRejected: 0,
    urgeCount: 0,
    supervisionCount: 0,
    urgesWhileOverdue: 0,
    noticeCount: 0,
    replyCount: 0,
    redoCount: 0,
    signedFor: null,
    pendingReturn: null,
    pendingExtension: null,
  };
}

/** The years still provisional after another deadline was counted (sorted, each once). */
function mergedYears(current: readonly number[], added: readonly number[] | undefined): readonly number[] {
  if (!added || added.length === 0) return current;
  return [...new Set([...current, ...added])].sort((a, b) => a - b);
}

/** Changes file fields only, so the status and its own fields stay as they are. */
function patch<S extends DispatchedWorkOrder>(state: S, change: Partial<WorkOrderFile>): S {
  return { ...state, ...change };
}

function evolveDispatched(
  state: DispatchedWorkOrder,
  event: Exclude<WorkOrderEvent, WorkOrderDispatched>,
): WorkOrderState {
  switch (event.type) {
    case 'WorkOrderSignedFor': {
      if (state.status !== 'awaiting_sign_for') return state;
      const { by, signedForAt, onTime } = event.data;
      const handling: Handling = { ...state, status: 'handling', signedFor: { staffId: by.staffId, signedForAt, onTime } };
      return handling;
    }
    case 'HandlingNoteAdded':
      return patch(state, { noteIds: [...state.noteIds, event.data.noteId] });
    case 'WorkOrderAssigned':
      return patch(state, { assigneeStaffId: event.data.assigneeStaffId });
    case 'ReturnRequested': {
      if (state.status !== 'awaiting_sign_for' && state.status !== 'handling') return state;
      const { by, reason, requestedAt } = event.data;
      return { ...state, pendingReturn: { staffId: by.staffId, reason, requestedAt } };
    }
    case 'WorkOrderReturned': {
      if (state.status !== 'awaiting_sign_for' && state.status !== 'handling') return state;
      // Destructured only to leave the open-status fields behind.
      const { status, signedFor, pendingReturn, pendingExtension, ...file } = state;
      const returned: Returned = {
        ...file,
        status: 'returned',
        signedFor,
        returnedAt: event.data.returnedAt,
        returnReason: event.data.requestReason,
        pendingReturn: null,
        pendingExtension: null,
      };
      return returned;
    }
    case 'ReturnRejected':
      if (state.status !== 'awaiting_sign_for' && state.status !== 'handling') return state;
      return { ...state, pendingReturn: null, returnsRejected: state.returnsRejected + 1 };
    case 'ExtensionRequested': {
      if (state.status !== 'handling') return state;
      const { by, reason, workingDays, requestedAt } = event.data;
      return { ...state, pendingExtension: { staffId: by.staffId, reason, workingDays, requestedAt } };
    }
    case 'ExtensionApproved':
      if (state.status !== 'handling') return state;
      return {
        ...state,
        pendingExtension: null,
        replyDueAt: event.data.replyDueAt,
        calendarVersion: event.data.calendarVersion,
        provisionalYears: mergedYears(state.provisionalYears, event.data.provisionalYears),
        // Granted in working days, the due time moves with the calendar; granted as a date, it is fixed.
        deadlineBasis: {
          ...state.deadlineBasis,
          reply: event.data.grantedAs === 'working_days'
            ? { ...state.deadlineBasis.reply, workingDays: state.deadlineBasis.reply.workingDays + event.data.workingDays }
            : { from: event.data.replyDueAt, workingDays: 0, fromIsDue: true },
        },
        extensionWorkingDaysApproved: state.extensionWorkingDaysApproved + event.data.workingDays,
        extensionsApproved: state.extensionsApproved + 1,
        replyOverdueFor: null,
        urgesWhileOverdue: 0,
      };
    case 'ExtensionRejected':
      if (state.status !== 'handling') return state;
      return { ...state, pendingExtension: null, extensionsRejected: state.extensionsRejected + 1 };
    case 'WorkOrderReplied': {
      if (state.status !== 'handling') return state;
      const { by, repliedAt, onTime } = event.data;
      const replied: Replied = {
        ...state,
        status: 'replied',
        lastReply: { staffId: by.staffId, repliedAt, onTime },
        followUp: null,
        pendingReturn: null,
        // A reply lapses a pending extension: the time is no longer needed (see decide/reply.ts).
        pendingExtension: null,
        replyCount: state.replyCount + 1,
      };
      return replied;
    }
    case 'FollowUpResultRecorded':
      if (state.status !== 'replied') return state;
      return { ...state, followUp: event.data.result };
    case 'WorkOrderRedoRequested': {
      if (state.status !== 'replied') return state;
      // Destructured only to leave the reply's fields behind: the next round starts clean.
      const { status, lastReply, followUp, pendingReturn, pendingExtension, ...file } = state;
      const handling: Handling = {
        ...file,
        status: 'handling',
        pendingReturn: null,
        pendingExtension: null,
        replyDueAt: event.data.replyDueAt,
        calendarVersion: event.data.calendarVersion,
        provisionalYears: mergedYears(state.provisionalYears, event.data.provisionalYears),
        deadlineBasis: {
          ...state.deadlineBasis,
          reply: event.data.workingDays !== undefined
            ? { from: event.data.requestedAt, workingDays: event.data.workingDays, fromIsDue: false }
            : { from: event.data.replyDueAt, workingDays: 0, fromIsDue: true },
        },
        redoCount: state.redoCount + 1,
        replyOverdueFor: null,
        urgesWhileOverdue: 0,
      };
      return handling;
    }
    case 'WorkOrderUrged':
      return patch(state, {
        urgeCount: state.urgeCount + (event.data.level === 'urge' ? 1 : 0),
        supervisionCount: state.supervisionCount + (event.data.level === 'supervise' ? 1 : 0),
        urgesWhileOverdue: state.urgesWhileOverdue + (event.data.overdue ? 1 : 0),
      });
    case 'WorkOrderNoticeIssued':
      return patch(state, { noticeCount: state.noticeCount + 1 });
    case 'WorkOrderMerged': {
      const added = event.data.externalNumbers.filter((n) => !state.mergedExternalNumbers.includes(n));
      return patch(state, { mergedExternalNumbers: [...state.mergedExternalNumbers, ...added] });
    }
    case 'SignForOverdue':
      return patch(state, { signForOverdue: true });
    case 'DeadlinesRecomputed': {
      const { signForDueAt, replyDueAt, returnWindowEndsAt, calendarVersion, provisionalYears } = event.data;
      const moved = replyDueAt !== state.replyDueAt;
      return patch(state, {
        signForDueAt,
        replyDueAt,
        returnWindowEndsAt,
        calendarVersion,
        provisionalYears,
        // As when an extension moves the due time: overdue is judged again against the new one.
        ...(moved ? { replyOverdueFor: null, urgesWhileOverdue: 0 } : {}),
      });
    }
    case 'ReplyOverdue':
      if (state.replyOverdueFor === event.data.dueAt) return state;
      return patch(state, { replyOverdueFor: event.data.dueAt, replyOverdueCount: state.replyOverdueCount + 1 });
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}
