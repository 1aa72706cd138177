// The stored form of the work-order events (工单): every event's data is checked against its schema
// before it is appended, and again when read back. The shapes are the decider's (src/domain/events.ts).
import type { JsonObject } from '@bureau/event-store';
import { createEventRegistry, defineEvent, type EventRegistry } from '@bureau/service-kit';
import { DEFAULT_OFFICE_HOURS } from '@bureau/working-calendar';
import { z } from 'zod';
import { workOrderCategories, type WorkOrderEvent } from '../domain/index.js';

const instant = z.iso.datetime();
const staff = z.object({ kind: z.literal('staff'), staffId: z.string().min(1) });
const platform = z.object({ kind: z.literal('platform'), platformId: z.string().min(1) });
const timer = z.object({ kind: z.literal('deadline_timer') });
const rule = z.object({ kind: z.literal('rule'), rule: z.literal('repeated_urging_while_overdue') });
const replyDueSource = z.enum(['category_limit', 'platform']);
/**
 * The office hours (办公时间) a deadline was counted in (version 2 of the three events that record a
 * calendarVersion). The decider writes configured hours; without any it leaves them out and the default
 * filled in here is what is stored, so every stored deadline names its hours.
 */
const defaultOfficeHours = () => DEFAULT_OFFICE_HOURS.map(({ start, end }) => ({ start, end }));
const clockTime = z.string().regex(/^\d{2}:\d{2}$/);
const officeHours = z.array(z.object({ start: clockTime, end: clockTime })).min(1).default(defaultOfficeHours);
/** Version 1 events were all counted in the default hours: nothing else could be configured then. */
const withDefaultOfficeHours = (data: JsonObject): JsonObject => ({ ...data, officeHours: defaultOfficeHours() });
const recordsOfficeHours = { schemaVersion: 2, upcasters: { 1: withDefaultOfficeHours } } as const;

const year = z.number().int().min(1900).max(9999);
/** Years a deadline was counted in by weekday alone (no official calendar loaded yet); absent: official. */
const provisionalYears = z.array(year).min(1).optional();

const followUpResult = z.union([
  z.object({ satisfaction: z.enum(['satisfied', 'basically_satisfied']), resolved: z.boolean(), comment: z.string().nullable() }),
  z.object({ satisfaction: z.literal('dissatisfied'), resolved: z.boolean(), causedByUnit: z.boolean(), comment: z.string().nullable() }),
]);

/**
 * Who owns the orders a platform dispatches: the centre (区公法中心) configured for it. Orders recorded
 * before ownership was stored (WorkOrderDispatched version 2 and older) get it from here when read.
 */
export interface WorkOrderOwnership {
  centreOf(platformId: string): string;
}

const platformOf = (data: JsonObject): string => {
  const by = data.by;
  const id = typeof by === 'object' && by !== null && !Array.isArray(by) ? by.platformId : undefined;
  if (typeof id !== 'string') throw new Error('a stored WorkOrderDispatched names no platform');
  return id;
};

export type WorkOrderEventRegistry = EventRegistry<WorkOrderEvent>;

/** The work-order events as stored, read with this deployment's ownership of older orders. */
export const workOrderEventsFor = (ownership: WorkOrderOwnership): EventRegistry<WorkOrderEvent> => createEventRegistry<WorkOrderEvent>({
  WorkOrderDispatched: defineEvent({
    type: 'WorkOrderDispatched',
    // v2 recorded the office hours; v3 the owning centre.
    schemaVersion: 3,
    upcasters: {
      1: withDefaultOfficeHours,
      2: (data: JsonObject): JsonObject => ({ ...data, owner: ownership.centreOf(platformOf(data)) }),
    },
    schema: z.object({
      workOrderId: z.string().min(1),
      by: platform,
      owner: z.string().min(1),
      externalNumber: z.string().min(1),
      category: z.enum(workOrderCategories),
      unitRole: z.enum(['lead', 'assisting']),
      citizen: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
      content: z.string(),
      dispatchedAt: instant,
      platformDueAt: instant.nullable(),
      signForDueAt: instant,
      replyDueAt: instant,
      replyDueSource,
      returnWindowEndsAt: instant,
      limits: z.object({
        signForWorkingHours: z.number(),
        replyWorkingDays: z.number().int(),
        returnWindowWorkingDays: z.number().int(),
      }),
      calendarVersion: z.string().min(1),
      officeHours,
      provisionalYears,
    }),
  }),
  WorkOrderSignedFor: defineEvent({
    type: 'WorkOrderSignedFor',
    schema: z.object({ by: staff, signedForAt: instant, signForDueAt: instant, onTime: z.boolean() }),
  }),
  HandlingNoteAdded: defineEvent({
    type: 'HandlingNoteAdded',
    schema: z.object({ noteId: z.string().min(1), by: staff, note: z.string().min(1), addedAt: instant }),
  }),
  WorkOrderAssigned: defineEvent({
    type: 'WorkOrderAssigned',
    schema: z.object({ by: staff, assigneeStaffId: z.string().min(1), assignedAt: instant }),
  }),
  ReturnRequested: defineEvent({
    type: 'ReturnRequested',
    schema: z.object({ by: staff, reason: z.string().min(1), requestedAt: instant }),
  }),
  WorkOrderReturned: defineEvent({
    type: 'WorkOrderReturned',
    schema: z.object({ by: platform, requestReason: z.string(), reason: z.string().nullable(), returnedAt: instant }),
  }),
  ReturnRejected: defineEvent({
    type: 'ReturnRejected',
    schema: z.object({ by: platform, reason: z.string().nullable(), rejectedAt: instant }),
  }),
  ExtensionRequested: defineEvent({
    type: 'ExtensionRequested',
    schema: z.object({ by: staff, reason: z.string().min(1), workingDays: z.number().int().min(1), requestedAt: instant }),
  }),
  ExtensionApproved: defineEvent({
    type: 'ExtensionApproved',
    ...recordsOfficeHours,
    schema: z.object({
      by: platform,
      approvedAt: instant,
      previousReplyDueAt: instant,
      replyDueAt: instant,
      workingDays: z.number().int().min(0),
      capped: z.boolean(),
      grantedAs: z.enum(['working_days', 'date']).optional(),
      calendarVersion: z.string().min(1),
      officeHours,
      provisionalYears,
    }),
  }),
  ExtensionRejected: defineEvent({
    type: 'ExtensionRejected',
    schema: z.object({ by: platform, reason: z.string().nullable(), rejectedAt: instant }),
  }),
  WorkOrderReplied: defineEvent({
    type: 'WorkOrderReplied',
    schema: z.object({ by: staff, answer: z.string().min(1), repliedAt: instant, replyDueAt: instant, onTime: z.boolean() }),
  }),
  FollowUpResultRecorded: defineEvent({
    type: 'FollowUpResultRecorded',
    schema: z.object({ by: platform, result: followUpResult, recordedAt: instant }),
  }),
  WorkOrderRedoRequested: defineEvent({
    type: 'WorkOrderRedoRequested',
    ...recordsOfficeHours,
    schema: z.object({
      by: platform,
      reason: z.string().min(1),
      requestedAt: instant,
      replyDueAt: instant,
      replyDueSource,
      workingDays: z.number().int().min(1).optional(),
      calendarVersion: z.string().min(1),
      officeHours,
      provisionalYears,
    }),
  }),
  WorkOrderUrged: defineEvent({
    type: 'WorkOrderUrged',
    schema: z.object({ by: platform, level: z.enum(['urge', 'supervise']), note: z.string().nullable(), urgedAt: instant, overdue: z.boolean() }),
  }),
  WorkOrderNoticeIssued: defineEvent({
    type: 'WorkOrderNoticeIssued',
    schema: z.object({ by: z.union([platform, rule]), note: z.string().min(1), issuedAt: instant }),
  }),
  WorkOrderMerged: defineEvent({
    type: 'WorkOrderMerged',
    schema: z.object({ by: platform, externalNumbers: z.array(z.string().min(1)).min(1), mergedAt: instant }),
  }),
  SignForOverdue: defineEvent({
    type: 'SignForOverdue',
    schema: z.object({ by: timer, dueAt: instant, recordedAt: instant }),
  }),
  DeadlinesRecomputed: defineEvent({
    type: 'DeadlinesRecomputed',
    schema: z.object({
      by: z.object({ kind: z.literal('rule'), rule: z.literal('calendar_year_loaded') }),
      recomputedAt: instant,
      previous: z.object({ signForDueAt: instant, replyDueAt: instant, returnWindowEndsAt: instant, provisionalYears: z.array(year) }),
      signForDueAt: instant,
      replyDueAt: instant,
      returnWindowEndsAt: instant,
      running: z.object({ signFor: z.boolean(), reply: z.boolean() }),
      calendarVersion: z.string().min(1),
      officeHours,
      provisionalYears: z.array(year),
    }),
  }),
  ReplyOverdue: defineEvent({
    type: 'ReplyOverdue',
    schema: z.object({ by: timer, dueAt: instant, recordedAt: instant }),
  }),
});
