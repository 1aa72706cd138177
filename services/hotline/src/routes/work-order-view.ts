// One order as a reader sees it: personal data (the citizen's name and phone, and the same in the
// content) unmasked only for the centre's own staff.
import { z } from 'zod';
import { workOrderCategoryLabels } from '../domain/index.js';
import { maskCitizen, maskFreeText } from '../privacy/mask.js';
import type { WorkOrderRow } from '../read-models/tables.js';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export const workOrderViewSchema = z.object({
  workOrderId: z.string(),
  platformId: z.string(),
  externalNumber: z.string(),
  mergedExternalNumbers: z.array(z.string()),
  category: z.string(),
  categoryLabel: z.string(),
  unitRole: z.string(),
  status: z.string(),
  personalDataMasked: z.boolean(),
  citizen: z.object({ name: z.string().nullable(), phone: z.string().nullable() }),
  content: z.string(),
  dispatchedAt: z.string(),
  platformDueAt: z.string().nullable(),
  signForDueAt: z.string(),
  signedForAt: z.string().nullable(),
  signedForBy: z.string().nullable(),
  signedForOnTime: z.boolean().nullable(),
  replyDueAt: z.string(),
  calendarVersion: z.string().describe('The working-day calendar the current reply due time was computed on.'),
  provisionalYears: z.array(z.number()).describe('Years its deadlines were counted in by weekday alone, until that year\'s official calendar is loaded; empty: official.'),
  returnWindowEndsAt: z.string(),
  assigneeStaffId: z.string().nullable(),
  returnRequestedAt: z.string().nullable(),
  extensionRequestedDays: z.number().nullable(),
  extensionDaysApproved: z.number(),
  signForOverdue: z.boolean(),
  replyOverdue: z.boolean(),
  repliedAt: z.string().nullable(),
  repliedBy: z.string().nullable(),
  repliedOnTime: z.boolean().nullable(),
  replyCount: z.number(),
  followUp: z.object({ recordedAt: z.string(), satisfaction: z.string(), resolved: z.boolean().nullable() }).nullable(),
  redoCount: z.number(),
  urgeCount: z.number(),
  supervisionCount: z.number(),
  noticeCount: z.number(),
  noteCount: z.number(),
  returnedAt: z.string().nullable(),
  revision: z.string(),
});

export function workOrderView(row: WorkOrderRow, now: Date, showPersonalData: boolean): z.output<typeof workOrderViewSchema> {
  const citizen = { name: row.citizen_name, phone: row.citizen_phone };
  const open = row.status === 'awaiting_sign_for' || row.status === 'handling';
  return {
    workOrderId: row.work_order_id,
    platformId: row.platform_id,
    externalNumber: row.external_number,
    mergedExternalNumbers: row.merged_external_numbers,
    category: row.category,
    categoryLabel: workOrderCategoryLabels[row.category],
    unitRole: row.unit_role,
    status: row.status,
    personalDataMasked: !showPersonalData,
    citizen: showPersonalData ? citizen : maskCitizen(citizen),
    content: showPersonalData ? row.content : maskFreeText(row.content, citizen),
    dispatchedAt: row.dispatched_at.toISOString(),
    platformDueAt: iso(row.platform_due_at),
    signForDueAt: row.sign_for_due_at.toISOString(),
    signedForAt: iso(row.signed_for_at),
    signedForBy: row.signed_for_by,
    signedForOnTime: row.signed_for_on_time,
    replyDueAt: row.reply_due_at.toISOString(),
    calendarVersion: row.calendar_version,
    provisionalYears: row.provisional_years,
    returnWindowEndsAt: row.return_window_ends_at.toISOString(),
    assigneeStaffId: row.assignee_staff_id,
    returnRequestedAt: iso(row.return_requested_at),
    extensionRequestedDays: row.extension_requested_days,
    extensionDaysApproved: row.extension_days_approved,
    // Against now and the durable timers' events, as in the worklist.
    signForOverdue: row.status === 'awaiting_sign_for' && (now > row.sign_for_due_at || row.sign_for_overdue_recorded),
    replyOverdue: open && (now > row.reply_due_at || row.reply_overdue_recorded_for?.getTime() === row.reply_due_at.getTime()),
    repliedAt: iso(row.replied_at),
    repliedBy: row.replied_by,
    repliedOnTime: row.replied_on_time,
    replyCount: row.reply_count,
    followUp: row.followed_up_at && row.satisfaction
      ? { recordedAt: row.followed_up_at.toISOString(), satisfaction: row.satisfaction, resolved: row.resolved }
      : null,
    redoCount: row.redo_count,
    urgeCount: row.urge_count,
    supervisionCount: row.supervision_count,
    noticeCount: row.notice_count,
    noteCount: row.note_count,
    returnedAt: iso(row.returned_at),
    revision: row.revision,
  };
}
