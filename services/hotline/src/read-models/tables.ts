// The hotline read models as Kysely sees them (through the projection engine's views, which always
// point at the active generation's tables). One interface per table, nullable columns as `T | null`.
import type { ColumnType, Selectable } from 'kysely';
import type { WorkOrderCategory } from '../domain/index.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;

/** 工单 status as the read side shows it (the decider's states once dispatched). */
export type WorkOrderStatus = 'awaiting_sign_for' | 'handling' | 'replied' | 'returned';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

/** One row per work order, current as of `revision` of its stream. */
export interface WorkOrderTable {
  work_order_id: string;
  platform_id: string;
  /** The owning organisation (the centre): every query is scoped by it. */
  owner: string;
  external_number: string;
  category: WorkOrderCategory;
  unit_role: 'lead' | 'assisting';
  status: WorkOrderStatus;
  /** Personal data: shown unmasked to centre staff only. */
  citizen_name: string | null;
  citizen_phone: string | null;
  content: string;
  dispatched_at: Timestamp;
  platform_due_at: NullableTimestamp;
  sign_for_due_at: Timestamp;
  signed_for_at: NullableTimestamp;
  signed_for_by: string | null;
  signed_for_on_time: boolean | null;
  /** The current reply due time (moved by an approved extension or a redo). */
  reply_due_at: Timestamp;
  /** The calendar version the current reply due time was computed on. */
  calendar_version: string;
  /** Years its deadlines were counted in by weekday alone (no official calendar yet); empty: official. */
  provisional_years: number[];
  return_window_ends_at: Timestamp;
  assignee_staff_id: string | null;
  /** Set while a return request waits for the platform. */
  return_requested_at: NullableTimestamp;
  /** Working days asked for while an extension request waits for the platform. */
  extension_requested_days: number | null;
  extension_days_approved: number;
  /** The durable sign-for timer recorded SignForOverdue. */
  sign_for_overdue_recorded: boolean;
  /** The reply due time the durable timer recorded ReplyOverdue for. */
  reply_overdue_recorded_for: NullableTimestamp;
  /** The latest reply (答复); kept through a redo until the next reply replaces it. */
  replied_at: NullableTimestamp;
  replied_by: string | null;
  replied_on_time: boolean | null;
  reply_count: number;
  /** The latest follow-up (回访) result and when the platform recorded it. */
  followed_up_at: NullableTimestamp;
  satisfaction: Satisfaction | null;
  resolved: boolean | null;
  redo_count: number;
  urge_count: number;
  supervision_count: number;
  notice_count: number;
  note_count: number;
  returned_at: NullableTimestamp;
  merged_external_numbers: string[];
  /** Stream revision of the last event applied (int8, read back as text). */
  revision: ColumnType<string, string, string>;
  /** When the last event applied was recorded. */
  updated_at: Timestamp;
}

/** A type, not an interface, so Kysely's `withTables` accepts it (interfaces lack an index signature). */
export type HotlineReadDatabase = {
  hotline_work_orders: WorkOrderTable;
};

export type WorkOrderRow = Selectable<WorkOrderTable>;
