// How one work-order event changes its read-model row. Pure, so the projection's meaning is testable
// without a database; mirrors the decider's evolve for the fields the read side shows.
import type { WorkOrderDispatched, WorkOrderEvent } from '../domain/index.js';
import type { WorkOrderRow } from './tables.js';

export interface EventFacts {
  readonly revision: bigint;
  readonly recordedAt: Date;
}

const at = (iso: string) => new Date(iso);

/** The years still provisional once another deadline was counted in `added` (sorted, each once). */
const withYears = (current: readonly number[], added: readonly number[] | undefined): number[] =>
  [...new Set([...current, ...(added ?? [])])].sort((a, b) => a - b);

function dispatchedRow(data: WorkOrderDispatched['data'], facts: EventFacts): WorkOrderRow {
  return {
    work_order_id: data.workOrderId,
    platform_id: data.by.platformId,
    owner: data.owner,
    external_number: data.externalNumber,
    category: data.category,
    unit_role: data.unitRole,
    status: 'awaiting_sign_for',
    citizen_name: data.citizen.name,
    citizen_phone: data.citizen.phone,
    content: data.content,
    dispatched_at: at(data.dispatchedAt),
    platform_due_at: data.platformDueAt === null ? null : at(data.platformDueAt),
    sign_for_due_at: at(data.signForDueAt),
    signed_for_at: null,
    signed_for_by: null,
    signed_for_on_time: null,
    reply_due_at: at(data.replyDueAt),
    calendar_version: data.calendarVersion,
    provisional_years: data.provisionalYears ?? [],
    return_window_ends_at: at(data.returnWindowEndsAt),
    assignee_staff_id: null,
    return_requested_at: null,
    extension_requested_days: null,
    extension_days_approved: 0,
    sign_for_overdue_recorded: false,
    reply_overdue_recorded_for: null,
    replied_at: null,
    replied_by: null,
    replied_on_time: null,
    reply_count: 0,
    followed_up_at: null,
    satisfaction: null,
    resolved: null,
    redo_count: 0,
    urge_count: 0,
    supervision_count: 0,
    notice_count: 0,
    note_count: 0,
    returned_at: null,
    merged_external_numbers: [],
    revision: facts.revision.toString(),
    updated_at: facts.recordedAt,
  };
}

/** The row after `event`; undefined only for an event before the order's dispatch (which never happens). */
export function applyToRow(row: WorkOrderRow | undefined, event: WorkOrderEvent, facts: EventFacts): WorkOrderRow | undefined {
  if (event.type === 'WorkOrderDispatched') return row ?? dispatchedRow(event.data, facts);
  if (!row) return undefined;
  const next = { ...changed(row, event), revision: facts.revision.toString(), updated_at: facts.recordedAt };
  return next;
}

function changed(row: WorkOrderRow, event: Exclude<WorkOrderEvent, WorkOrderDispatched>): WorkOrderRow {
  switch (event.type) {
    case 'WorkOrderSignedFor':
      return {
        ...row,
        status: 'handling',
        signed_for_at: at(event.data.signedForAt),
        signed_for_by: event.data.by.staffId,
        signed_for_on_time: event.data.onTime,
      };
    case 'HandlingNoteAdded':
      return { ...row, note_count: row.note_count + 1 };
    case 'WorkOrderAssigned':
      return { ...row, assignee_staff_id: event.data.assigneeStaffId };
    case 'ReturnRequested':
      return { ...row, return_requested_at: at(event.data.requestedAt) };
    case 'WorkOrderReturned':
      return { ...row, status: 'returned', returned_at: at(event.data.returnedAt), return_requested_at: null, extension_requested_days: null };
    case 'ReturnRejected':
      return { ...row, return_requested_at: null };
    case 'ExtensionRequested':
      return { ...row, extension_requested_days: event.data.workingDays };
    case 'ExtensionApproved':
      return {
        ...row,
        extension_requested_days: null,
        reply_due_at: at(event.data.replyDueAt),
        calendar_version: event.data.calendarVersion,
        provisional_years: withYears(row.provisional_years, event.data.provisionalYears),
        extension_days_approved: row.extension_days_approved + event.data.workingDays,
      };
    case 'ExtensionRejected':
      return { ...row, extension_requested_days: null };
    case 'WorkOrderReplied':
      return {
        ...row,
        status: 'replied',
        replied_at: at(event.data.repliedAt),
        replied_by: event.data.by.staffId,
        replied_on_time: event.data.onTime,
        reply_count: row.reply_count + 1,
        // A reply lapses a pending extension (decide/reply.ts); its follow-up is yet to come.
        extension_requested_days: null,
      };
    case 'FollowUpResultRecorded':
      return {
        ...row,
        followed_up_at: at(event.data.recordedAt),
        satisfaction: event.data.result.satisfaction,
        resolved: event.data.result.resolved,
      };
    case 'WorkOrderRedoRequested':
      // Back to handling with a new due time. The earlier reply and follow-up keep counting in their
      // months until the next reply and follow-up replace them.
      return {
        ...row,
        status: 'handling',
        reply_due_at: at(event.data.replyDueAt),
        calendar_version: event.data.calendarVersion,
        provisional_years: withYears(row.provisional_years, event.data.provisionalYears),
        redo_count: row.redo_count + 1,
      };
    case 'DeadlinesRecomputed': {
      // The recounted deadlines, and the verdicts of acts already done judged again against them: a
      // provisional count must not decide whether the centre was on time.
      const signForDue = at(event.data.signForDueAt);
      const replyDue = at(event.data.replyDueAt);
      return {
        ...row,
        sign_for_due_at: signForDue,
        reply_due_at: replyDue,
        return_window_ends_at: at(event.data.returnWindowEndsAt),
        calendar_version: event.data.calendarVersion,
        provisional_years: event.data.provisionalYears,
        signed_for_on_time: row.signed_for_at === null ? null : row.signed_for_at.getTime() <= signForDue.getTime(),
        replied_on_time: row.replied_at === null || row.status !== 'replied' ? row.replied_on_time : row.replied_at.getTime() <= replyDue.getTime(),
      };
    }
    case 'WorkOrderUrged':
      return event.data.level === 'urge' ? { ...row, urge_count: row.urge_count + 1 } : { ...row, supervision_count: row.supervision_count + 1 };
    case 'WorkOrderNoticeIssued':
      return { ...row, notice_count: row.notice_count + 1 };
    case 'WorkOrderMerged': {
      const added = event.data.externalNumbers.filter((n) => !row.merged_external_numbers.includes(n));
      return { ...row, merged_external_numbers: [...row.merged_external_numbers, ...added] };
    }
    case 'SignForOverdue':
      return { ...row, sign_for_overdue_recorded: true };
    case 'ReplyOverdue':
      return { ...row, reply_overdue_recorded_for: at(event.data.dueAt) };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
