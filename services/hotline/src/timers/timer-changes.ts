// Which deadline timers an event sets, moves, cancels or shows fired. Pure. Domain README, "Timers":
// sign-for and reply timers are set on dispatch; the reply timer moves on an approved extension and on a
// redo; sign-for ends the sign-for timer, a reply the reply timer, a return (approved) both.
import type { IsoInstant, WorkOrderEvent } from '../domain/index.js';

export { timerIdOf } from '@bureau/durable-timers';

/** 签收 timer or 办结 (reply) timer: one of each per work order. */
export type TimerKind = 'sign_for' | 'reply';

export type TimerChange =
  /** Set (or move) the timer to fire at `dueAt`, whatever it was. */
  | { readonly kind: 'schedule'; readonly timer: TimerKind; readonly dueAt: IsoInstant }
  /** It will not fire: the deadline was met or no longer applies. */
  | { readonly kind: 'cancel'; readonly timer: TimerKind }
  /** The overdue event for `dueAt` is recorded: the timer has done its work (also when replaying). */
  | { readonly kind: 'fired'; readonly timer: TimerKind; readonly dueAt: IsoInstant };

export function timerChangesOf(event: WorkOrderEvent): TimerChange[] {
  switch (event.type) {
    case 'WorkOrderDispatched':
      return [
        { kind: 'schedule', timer: 'sign_for', dueAt: event.data.signForDueAt },
        { kind: 'schedule', timer: 'reply', dueAt: event.data.replyDueAt },
      ];
    case 'WorkOrderSignedFor':
      return [{ kind: 'cancel', timer: 'sign_for' }];
    case 'WorkOrderReplied':
      return [{ kind: 'cancel', timer: 'reply' }];
    case 'WorkOrderReturned':
      return [
        { kind: 'cancel', timer: 'sign_for' },
        { kind: 'cancel', timer: 'reply' },
      ];
    case 'ExtensionApproved':
    case 'WorkOrderRedoRequested':
      return [{ kind: 'schedule', timer: 'reply', dueAt: event.data.replyDueAt }];
    case 'DeadlinesRecomputed':
      // Counted again on the official calendar: the running timers move (to the past, they fire at once).
      return [
        ...(event.data.running.signFor ? [{ kind: 'schedule' as const, timer: 'sign_for' as const, dueAt: event.data.signForDueAt }] : []),
        ...(event.data.running.reply ? [{ kind: 'schedule' as const, timer: 'reply' as const, dueAt: event.data.replyDueAt }] : []),
      ];
    case 'SignForOverdue':
      return [{ kind: 'fired', timer: 'sign_for', dueAt: event.data.dueAt }];
    case 'ReplyOverdue':
      return [{ kind: 'fired', timer: 'reply', dueAt: event.data.dueAt }];
    // A pending return does not stop the clocks (domain §1: rejected, "clock keeps running").
    case 'ReturnRequested':
    case 'ReturnRejected':
    case 'HandlingNoteAdded':
    case 'WorkOrderAssigned':
    case 'ExtensionRequested':
    case 'ExtensionRejected':
    case 'FollowUpResultRecorded':
    case 'WorkOrderUrged':
    case 'WorkOrderNoticeIssued':
    case 'WorkOrderMerged':
      return [];
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
