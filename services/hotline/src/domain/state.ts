// The state `decide` needs, also what a read side may show: status, due times, flags and counts.
// A union keyed on `status`, so a pending extension before sign-for, or a reply on a returned order,
// cannot be written down.
import type { CitizenContact, FollowUpResult, IsoInstant, UnitRole, WorkOrderCategory } from './vocabulary.js';

export type SignForRecord = { readonly staffId: string; readonly signedForAt: IsoInstant; readonly onTime: boolean };
export type ReplyRecord = { readonly staffId: string; readonly repliedAt: IsoInstant; readonly onTime: boolean };
export type PendingReturn = { readonly staffId: string; readonly reason: string; readonly requestedAt: IsoInstant };
export type PendingExtension = {
  readonly staffId: string;
  readonly reason: string;
  readonly workingDays: number;
  readonly requestedAt: IsoInstant;
};

/** What every dispatched order carries, whatever its status. */
export interface WorkOrderFile {
  readonly workOrderId: string;
  readonly platformId: string;
  /** The owning organisation: the centre the platform dispatched the order to. */
  readonly owner: string;
  readonly externalNumber: string;
  readonly category: WorkOrderCategory;
  readonly unitRole: UnitRole;
  /** Personal data: mask on the read side, never log. */
  readonly citizen: CitizenContact;
  readonly content: string;
  readonly dispatchedAt: IsoInstant;
  readonly platformDueAt: IsoInstant | null;
  readonly signForDueAt: IsoInstant;
  /** The current reply due time (moved by an approved extension or a redo). */
  readonly replyDueAt: IsoInstant;
  readonly returnWindowEndsAt: IsoInstant;
  /** The calendar version the current replyDueAt was computed on. */
  readonly calendarVersion: string;
  /** Years the current deadlines were counted in by weekday alone (no official calendar yet); empty: official. */
  readonly provisionalYears: readonly number[];
  /** What the deadlines are counted from, to count them again when a provisional year is loaded. */
  readonly deadlineBasis: DeadlineBasis;
  readonly mergedExternalNumbers: readonly string[];
  readonly assigneeStaffId: string | null;
  readonly noteIds: readonly string[];
  /** The sign-for timer recorded SignForOverdue. */
  readonly signForOverdue: boolean;
  /** The reply due time the timer recorded ReplyOverdue for; null again when the due time moves. */
  readonly replyOverdueFor: IsoInstant | null;
  readonly replyOverdueCount: number;
  readonly extensionWorkingDaysApproved: number;
  readonly extensionsApproved: number;
  readonly extensionsRejected: number;
  readonly returnsRejected: number;
  readonly urgeCount: number;
  readonly supervisionCount: number;
  /** Urges received while overdue since the reply due time last moved (feeds the notice rule). */
  readonly urgesWhileOverdue: number;
  readonly noticeCount: number;
  readonly replyCount: number;
  readonly redoCount: number;
}

/**
 * The starting points and limits of an order's deadlines. The reply due time is `workingDays` working
 * days after `from` (a dispatch, a redo) or after the day `from` ends when `fromIsDue` (a date the
 * platform set, moved on by extensions granted in working days).
 */
export interface DeadlineBasis {
  readonly dispatchedAt: IsoInstant;
  readonly signForWorkingHours: number;
  readonly returnWindowWorkingDays: number;
  readonly reply: { readonly from: IsoInstant; readonly workingDays: number; readonly fromIsDue: boolean };
}

export type NotDispatched = { readonly status: 'not_dispatched' };

/** 待签收. A return may be pending; an extension may not (it needs sign-for). */
export interface AwaitingSignFor extends WorkOrderFile {
  readonly status: 'awaiting_sign_for';
  readonly signedFor: null;
  readonly pendingReturn: PendingReturn | null;
  readonly pendingExtension: null;
}

/** 办理中: signed for, and after a redo again. */
export interface Handling extends WorkOrderFile {
  readonly status: 'handling';
  readonly signedFor: SignForRecord;
  readonly pendingReturn: PendingReturn | null;
  readonly pendingExtension: PendingExtension | null;
}

/** 已答复: waiting for, or holding, the follow-up result of the latest reply. */
export interface Replied extends WorkOrderFile {
  readonly status: 'replied';
  readonly signedFor: SignForRecord;
  readonly lastReply: ReplyRecord;
  readonly followUp: FollowUpResult | null;
  readonly pendingReturn: null;
  readonly pendingExtension: null;
}

/** 已退单: terminal, the order has left the centre. */
export interface Returned extends WorkOrderFile {
  readonly status: 'returned';
  readonly signedFor: SignForRecord | null;
  readonly returnedAt: IsoInstant;
  readonly returnReason: string;
  readonly pendingReturn: null;
  readonly pendingExtension: null;
}

export type WorkOrderState = NotDispatched | AwaitingSignFor | Handling | Replied | Returned;
export type WorkOrderStatus = WorkOrderState['status'];
export type DispatchedWorkOrder = Exclude<WorkOrderState, NotDispatched>;
/** Still with the centre: neither returned nor replied. The clocks run. */
export type OpenWorkOrder = AwaitingSignFor | Handling;

export function initialState(): WorkOrderState {
  return { status: 'not_dispatched' };
}
