// One ordinary work order used across the tests: a complaint (投诉, 15 working days) dispatched on
// Monday 2025-11-03 10:00 Asia/Shanghai, an ordinary week with no holiday, so the expected deadlines are
// easy to check by hand. Times are written in local time (+08:00) as the bureau reads them.
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { hotlineRules, type WorkOrderDispatched, type WorkOrderEvent } from '../../../src/domain/index.js';

/** The real calendar package with the official 2024–2026 data (docs/domain/calendar.json). */
export const calendar = createOfficialWorkingCalendar();
export const rules = hotlineRules(calendar);
export const platformId = 'gz12345';
export const workOrderId = 'wo-0001';
export const clerk = 'staff-li';

/** An instant from Asia/Shanghai local time, e.g. local('2025-11-03 10:00'). */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

export function iso(dateTime: string): string {
  return local(dateTime).toISOString();
}

/** The centre that owns the orders (the organisation its platform dispatches to). */
export const centre = 'huadu-plsc';

export const dispatchedAt = local('2025-11-03 10:00');
/** 2 working hours later: 12:00 the same day. */
export const signForDueAt = iso('2025-11-03 12:00');
/** 15 working days after Monday 3 November: the end (24:00) of Monday 24 November. */
export const replyDueAt = iso('2025-11-25 00:00');
/** 2 working days: the end of Wednesday 5 November. */
export const returnWindowEndsAt = iso('2025-11-06 00:00');

export const dispatchCommand = {
  type: 'DispatchWorkOrder',
  data: {
    workOrderId,
    platformId,
    owner: centre,
    externalNumber: 'GZ2025110300123',
    category: 'complaint',
    unitRole: 'lead',
    citizen: { name: '张三', phone: '13800000000' },
    content: '投诉某律师事务所收费不透明',
    dispatchedAt,
    platformDueAt: null,
  },
} as const;

export const dispatched: WorkOrderDispatched = {
  type: 'WorkOrderDispatched',
  data: {
    workOrderId,
    by: { kind: 'platform', platformId },
    owner: centre,
    externalNumber: 'GZ2025110300123',
    category: 'complaint',
    unitRole: 'lead',
    citizen: { name: '张三', phone: '13800000000' },
    content: '投诉某律师事务所收费不透明',
    dispatchedAt: dispatchedAt.toISOString(),
    platformDueAt: null,
    signForDueAt,
    replyDueAt,
    replyDueSource: 'category_limit',
    returnWindowEndsAt,
    limits: { signForWorkingHours: 2, replyWorkingDays: 15, returnWindowWorkingDays: 2 },
    calendarVersion: calendar.version,
  },
};

export function signedFor(at: string, onTime = Date.parse(iso(at)) <= Date.parse(signForDueAt)): WorkOrderEvent {
  return {
    type: 'WorkOrderSignedFor',
    data: { by: { kind: 'staff', staffId: clerk }, signedForAt: iso(at), signForDueAt, onTime },
  };
}

export function replied(at: string, dueAt = replyDueAt): WorkOrderEvent {
  const repliedAt = iso(at);
  return {
    type: 'WorkOrderReplied',
    data: {
      by: { kind: 'staff', staffId: clerk },
      answer: '已核实并答复',
      repliedAt,
      replyDueAt: dueAt,
      onTime: Date.parse(repliedAt) <= Date.parse(dueAt),
    },
  };
}

export function returnRequested(at: string): WorkOrderEvent {
  return { type: 'ReturnRequested', data: { by: { kind: 'staff', staffId: clerk }, reason: '不属于本单位职责', requestedAt: iso(at) } };
}

export function extensionRequested(at: string, workingDays: number): WorkOrderEvent {
  return {
    type: 'ExtensionRequested',
    data: { by: { kind: 'staff', staffId: clerk }, reason: '需调取材料', workingDays, requestedAt: iso(at) },
  };
}

/** `grantedAs`: how the platform granted it, as decided today; omitted, as events recorded before it was kept. */
export function extensionApproved(at: string, previous: string, next: string, workingDays: number, grantedAs?: 'working_days' | 'date'): WorkOrderEvent {
  return {
    type: 'ExtensionApproved',
    data: {
      by: { kind: 'platform', platformId },
      approvedAt: iso(at),
      previousReplyDueAt: previous,
      replyDueAt: next,
      workingDays,
      capped: false,
      ...(grantedAs ? { grantedAs } : {}),
      calendarVersion: calendar.version,
    },
  };
}

export function followedUp(at: string, satisfaction: 'satisfied' | 'dissatisfied', causedByUnit = true): WorkOrderEvent {
  const result =
    satisfaction === 'satisfied'
      ? { satisfaction, resolved: true, comment: null }
      : { satisfaction, resolved: false, causedByUnit, comment: '未解决' };
  return { type: 'FollowUpResultRecorded', data: { by: { kind: 'platform', platformId }, result, recordedAt: iso(at) } };
}
