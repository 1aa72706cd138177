// Commands to one work-order stream, imperative. Instants are Dates here (parsed at the edge); events
// store them as ISO strings. Commands from the city platform carry its `platformId`, checked against the
// platform that dispatched the order; commands from the centre carry the acting `staffId`.
import type { CitizenContact, FollowUpResult, UnitRole, UrgeLevel, WorkOrderCategory } from './vocabulary.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** 派单 (platform). `workOrderId` is our own id, chosen by the service; it also keys the stream. */
export type DispatchWorkOrder = Command<
  'DispatchWorkOrder',
  {
    workOrderId: string;
    platformId: string;
    /** The organisation that owns the order: the centre its platform dispatches to (configuration). */
    owner: string;
    externalNumber: string;
    category: WorkOrderCategory;
    unitRole: UnitRole;
    citizen: CitizenContact;
    content: string;
    dispatchedAt: Date;
    /** The platform's own due time, when it sends one. */
    platformDueAt: Date | null;
  }
>;

/** 签收 (centre). */
export type SignForWorkOrder = Command<'SignForWorkOrder', { staffId: string }>;

/** `noteId` is chosen by the caller, so a retried note is recorded once. */
export type AddHandlingNote = Command<'AddHandlingNote', { noteId: string; staffId: string; note: string }>;

export type AssignWorkOrder = Command<'AssignWorkOrder', { staffId: string; assigneeStaffId: string }>;

/** 退单申请 (centre): "not ours". */
export type RequestReturn = Command<'RequestReturn', { staffId: string; reason: string }>;

export type RecordReturnApproved = Command<'RecordReturnApproved', { platformId: string; reason: string | null }>;

export type RecordReturnRejected = Command<'RecordReturnRejected', { platformId: string; reason: string | null }>;

/** 延期申请 (centre), in working days. */
export type RequestExtension = Command<'RequestExtension', { staffId: string; reason: string; workingDays: number }>;

/** What the platform granted: a number of working days after the current due time, or a new due time. */
export type ExtensionGrant = { kind: 'working_days'; workingDays: number } | { kind: 'due_time'; replyDueAt: Date };

export type RecordExtensionApproved = Command<'RecordExtensionApproved', { platformId: string; grant: ExtensionGrant }>;

export type RecordExtensionRejected = Command<
  'RecordExtensionRejected',
  { platformId: string; reason: string | null }
>;

/** 办结 / 答复 (centre). */
export type ReplyToWorkOrder = Command<'ReplyToWorkOrder', { staffId: string; answer: string }>;

/** 回访 (platform). */
export type RecordFollowUpResult = Command<'RecordFollowUpResult', { platformId: string; result: FollowUpResult }>;

/** 重办 (platform). `replyDueAt`: the platform's new due time; null = the category limit from the redo time. */
export type RedoWorkOrder = Command<'RedoWorkOrder', { platformId: string; reason: string; replyDueAt: Date | null }>;

/** 催办 / 督办 (platform). */
export type UrgeWorkOrder = Command<'UrgeWorkOrder', { platformId: string; level: UrgeLevel; note: string | null }>;

/** 通报 (platform). */
export type RecordNoticeIssued = Command<'RecordNoticeIssued', { platformId: string; note: string }>;

/** 并单 (platform): the external numbers of the duplicates merged into this order. */
export type MergeWorkOrders = Command<'MergeWorkOrders', { platformId: string; externalNumbers: readonly string[] }>;

/** From the durable timer, with the due time it was set for (so a moved deadline makes it stale). */
export type RecordSignForOverdue = Command<'RecordSignForOverdue', { dueAt: Date }>;

export type RecordReplyOverdue = Command<'RecordReplyOverdue', { dueAt: Date }>;

/**
 * 时限重算 (the service, when an official calendar year is loaded): count the order's provisional
 * deadlines again on the calendar now in force.
 */
export type RecomputeDeadlines = Command<'RecomputeDeadlines', Record<string, never>>;

export type WorkOrderCommand =
  | RecomputeDeadlines
  | DispatchWorkOrder
  | SignForWorkOrder
  | AddHandlingNote
  | AssignWorkOrder
  | RequestReturn
  | RecordReturnApproved
  | RecordReturnRejected
  | RequestExtension
  | RecordExtensionApproved
  | RecordExtensionRejected
  | ReplyToWorkOrder
  | RecordFollowUpResult
  | RedoWorkOrder
  | UrgeWorkOrder
  | RecordNoticeIssued
  | MergeWorkOrders
  | RecordSignForOverdue
  | RecordReplyOverdue;

export type WorkOrderCommandType = WorkOrderCommand['type'];
