// Events of one work-order stream (工单), past tense. Data is plain JSON (instants as ISO strings,
// arrays mutable, type aliases not interfaces) so it goes to the event store unchanged.
import type {
  CitizenContact,
  FollowUpResult,
  IsoInstant,
  OfficePeriodRecord,
  PlatformActor,
  RuleActor,
  CalendarRuleActor,
  StaffActor,
  TimerActor,
  UnitRole,
  UrgeLevel,
  WorkOrderCategory,
} from './vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

/** Where a reply due time came from: the category limit, or the platform's own (earlier or explicit) time. */
export type ReplyDueSource = 'category_limit' | 'platform';

/** 派单. Deadlines are computed once here, with the calendar version and limits they came from. */
export type WorkOrderDispatched = Event<
  'WorkOrderDispatched',
  {
    workOrderId: string;
    by: PlatformActor;
    /** The owning organisation (the centre), which decides who may see and handle the order. */
    owner: string;
    externalNumber: string;
    category: WorkOrderCategory;
    unitRole: UnitRole;
    citizen: CitizenContact;
    content: string;
    /** Also the receipt time (受理时间) the reply limit counts from. */
    dispatchedAt: IsoInstant;
    platformDueAt: IsoInstant | null;
    signForDueAt: IsoInstant;
    replyDueAt: IsoInstant;
    replyDueSource: ReplyDueSource;
    returnWindowEndsAt: IsoInstant;
    limits: {
      signForWorkingHours: number;
      replyWorkingDays: number;
      returnWindowWorkingDays: number;
    };
    calendarVersion: string;
    /**
     * The office hours (办公时间) the deadlines were counted in. Absent when the centre configured none:
     * the calendar's default hours, which the event registry then stores explicitly (schema version 2).
     */
    officeHours?: OfficePeriodRecord[];
    /**
     * Years the deadlines were counted in by weekday alone, because their official calendar was not
     * loaded yet (domain reference §4): provisional until recomputed (DeadlinesRecomputed). Absent: official.
     */
    provisionalYears?: number[];
  }
>;

/** 签收. */
export type WorkOrderSignedFor = Event<
  'WorkOrderSignedFor',
  { by: StaffActor; signedForAt: IsoInstant; signForDueAt: IsoInstant; onTime: boolean }
>;

export type HandlingNoteAdded = Event<
  'HandlingNoteAdded',
  { noteId: string; by: StaffActor; note: string; addedAt: IsoInstant }
>;

export type WorkOrderAssigned = Event<
  'WorkOrderAssigned',
  { by: StaffActor; assigneeStaffId: string; assignedAt: IsoInstant }
>;

/** 退单申请. */
export type ReturnRequested = Event<'ReturnRequested', { by: StaffActor; reason: string; requestedAt: IsoInstant }>;

/** 退单审核通过: the order leaves the centre. `requestReason` repeats the unit's reason for the read side. */
export type WorkOrderReturned = Event<
  'WorkOrderReturned',
  { by: PlatformActor; requestReason: string; reason: string | null; returnedAt: IsoInstant }
>;

/** 退单被驳回: the order stays and its clocks keep running. */
export type ReturnRejected = Event<
  'ReturnRejected',
  { by: PlatformActor; reason: string | null; rejectedAt: IsoInstant }
>;

/** 延期申请. */
export type ExtensionRequested = Event<
  'ExtensionRequested',
  { by: StaffActor; reason: string; workingDays: number; requestedAt: IsoInstant }
>;

/**
 * 延期审核通过. `workingDays` is what counts toward the cap; `capped` says the platform granted more than
 * the cap allowed and `replyDueAt` was cut to it.
 */
export type ExtensionApproved = Event<
  'ExtensionApproved',
  {
    by: PlatformActor;
    approvedAt: IsoInstant;
    previousReplyDueAt: IsoInstant;
    replyDueAt: IsoInstant;
    workingDays: number;
    capped: boolean;
    /**
     * How the platform granted it: as working days (the due time moves with the calendar, and is counted
     * again when a provisional year is loaded) or as a date (fixed). Absent on older events: taken as fixed.
     */
    grantedAs?: 'working_days' | 'date';
    calendarVersion: string;
    /**
     * The office hours (办公时间) the deadlines were counted in. Absent when the centre configured none:
     * the calendar's default hours, which the event registry then stores explicitly (schema version 2).
     */
    officeHours?: OfficePeriodRecord[];
    /**
     * Years the deadlines were counted in by weekday alone, because their official calendar was not
     * loaded yet (domain reference §4): provisional until recomputed (DeadlinesRecomputed). Absent: official.
     */
    provisionalYears?: number[];
  }
>;

export type ExtensionRejected = Event<
  'ExtensionRejected',
  { by: PlatformActor; reason: string | null; rejectedAt: IsoInstant }
>;

/** 办结 / 答复. `onTime` = repliedAt <= replyDueAt (按时办结). */
export type WorkOrderReplied = Event<
  'WorkOrderReplied',
  { by: StaffActor; answer: string; repliedAt: IsoInstant; replyDueAt: IsoInstant; onTime: boolean }
>;

/** 回访. */
export type FollowUpResultRecorded = Event<
  'FollowUpResultRecorded',
  { by: PlatformActor; result: FollowUpResult; recordedAt: IsoInstant }
>;

/** 重办: back to handling with a new reply due time. */
export type WorkOrderRedoRequested = Event<
  'WorkOrderRedoRequested',
  {
    by: PlatformActor;
    reason: string;
    requestedAt: IsoInstant;
    replyDueAt: IsoInstant;
    replyDueSource: ReplyDueSource;
    /** The category limit counted from the request (category_limit); absent on older events and for a platform date. */
    workingDays?: number;
    calendarVersion: string;
    /**
     * The office hours (办公时间) the deadlines were counted in. Absent when the centre configured none:
     * the calendar's default hours, which the event registry then stores explicitly (schema version 2).
     */
    officeHours?: OfficePeriodRecord[];
    /**
     * Years the deadlines were counted in by weekday alone, because their official calendar was not
     * loaded yet (domain reference §4): provisional until recomputed (DeadlinesRecomputed). Absent: official.
     */
    provisionalYears?: number[];
  }
>;

/** 催办 / 督办. `overdue` says whether the order was overdue when urged. */
export type WorkOrderUrged = Event<
  'WorkOrderUrged',
  { by: PlatformActor; level: UrgeLevel; note: string | null; urgedAt: IsoInstant; overdue: boolean }
>;

/** 通报: by the platform, or by the bureau's repeated-urging rule. */
export type WorkOrderNoticeIssued = Event<
  'WorkOrderNoticeIssued',
  { by: PlatformActor | RuleActor; note: string; issuedAt: IsoInstant }
>;

/** 并单: only the external numbers newly merged into this order. */
export type WorkOrderMerged = Event<
  'WorkOrderMerged',
  { by: PlatformActor; externalNumbers: string[]; mergedAt: IsoInstant }
>;

/** Recorded by the deadline timer at the sign-for due moment when the order was still not signed for. */
export type SignForOverdue = Event<'SignForOverdue', { by: TimerActor; dueAt: IsoInstant; recordedAt: IsoInstant }>;

/** Recorded by the deadline timer at the reply due moment when the order was still not replied to. */
export type ReplyOverdue = Event<'ReplyOverdue', { by: TimerActor; dueAt: IsoInstant; recordedAt: IsoInstant }>;

/**
 * 时限重算: deadlines counted provisionally (a year with no official calendar) counted again once the
 * year is loaded, from the same starting points and limits. Deadlines no longer running (signed for,
 * replied, returned) are recounted too, so the record is exact; `running` says which timers still run.
 * A deadline that now lies in the past makes the order overdue from this moment (its timer fires now),
 * never backdated.
 */
export type DeadlinesRecomputed = Event<
  'DeadlinesRecomputed',
  {
    by: CalendarRuleActor;
    recomputedAt: IsoInstant;
    previous: { signForDueAt: IsoInstant; replyDueAt: IsoInstant; returnWindowEndsAt: IsoInstant; provisionalYears: number[] };
    signForDueAt: IsoInstant;
    replyDueAt: IsoInstant;
    returnWindowEndsAt: IsoInstant;
    running: { signFor: boolean; reply: boolean };
    calendarVersion: string;
    officeHours?: OfficePeriodRecord[];
    /** Still provisional (another year still missing); empty when every deadline is now official. */
    provisionalYears: number[];
  }
>;

export type WorkOrderEvent =
  | WorkOrderDispatched
  | WorkOrderSignedFor
  | HandlingNoteAdded
  | WorkOrderAssigned
  | ReturnRequested
  | WorkOrderReturned
  | ReturnRejected
  | ExtensionRequested
  | ExtensionApproved
  | ExtensionRejected
  | WorkOrderReplied
  | FollowUpResultRecorded
  | WorkOrderRedoRequested
  | WorkOrderUrged
  | WorkOrderNoticeIssued
  | WorkOrderMerged
  | SignForOverdue
  | ReplyOverdue
  | DeadlinesRecomputed;

export type WorkOrderEventType = WorkOrderEvent['type'];

// A record, not a list, so the compiler tells when an event type is added and not listed here.
const eventTypes: Record<WorkOrderEventType, true> = {
  WorkOrderDispatched: true,
  DeadlinesRecomputed: true,
  WorkOrderSignedFor: true,
  HandlingNoteAdded: true,
  WorkOrderAssigned: true,
  ReturnRequested: true,
  WorkOrderReturned: true,
  ReturnRejected: true,
  ExtensionRequested: true,
  ExtensionApproved: true,
  ExtensionRejected: true,
  WorkOrderReplied: true,
  FollowUpResultRecorded: true,
  WorkOrderRedoRequested: true,
  WorkOrderUrged: true,
  WorkOrderNoticeIssued: true,
  WorkOrderMerged: true,
  SignForOverdue: true,
  ReplyOverdue: true,
};

export function isWorkOrderEventType(type: string): type is WorkOrderEventType {
  return Object.hasOwn(eventTypes, type);
}

/**
 * A stored event back as a domain event, or undefined for a type this decider does not know (evolve would
 * ignore it anyway). The data is trusted, not re-validated: only this decider writes these streams.
 */
export function toWorkOrderEvent(stored: { readonly type: string; readonly data: unknown }): WorkOrderEvent | undefined {
  if (!isWorkOrderEventType(stored.type)) return undefined;
  // The one cast of the domain, at its trust boundary (see above).
  return { type: stored.type, data: stored.data } as WorkOrderEvent;
}
