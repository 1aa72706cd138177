// 时限重算: a limit that reached into a year with no official calendar was counted by weekday alone and
// recorded provisional (domain reference §4). When the year is loaded, RecomputeDeadlines counts every
// running limit again from what it recorded (unit, amount, counted from) on the calendar now in force,
// and DeadlinesRecomputed records the new due moments (the timers move with them). A paused review clock
// is left alone: its remainder is counted on the new calendar when it resumes. A limit already recorded
// overdue stays as it was (overdue is never taken back).
import type { DeadlineRecord } from './deadlines.js';
import type { LegalAidState } from './state.js';

/** The limits a file runs; each has its durable timer of the same name. */
export const recountableLimits = ['review', 'materials', 'assignment', 'objection', 'custody_forwarding'] as const;
export type RecountableLimit = (typeof recountableLimits)[number];

/** The limits running now, with their records. */
export function runningLimits(state: LegalAidState): { limit: RecountableLimit; record: DeadlineRecord }[] {
  if (state.status === 'none') return [];
  if (state.status === 'awaiting_custody_forwarding') return state.forwardingOverdue ? [] : [{ limit: 'custody_forwarding', record: state.forwarding }];
  const running: { limit: RecountableLimit; record: DeadlineRecord }[] = [];
  if (state.status === 'in_review' && state.review.pausedAt === null && state.review.overdueFor === null) running.push({ limit: 'review', record: state.review.current });
  if (state.status === 'awaiting_materials') running.push({ limit: 'materials', record: state.materials.due });
  const waitingForLawyer = state.status === 'approved' || state.status === 'notified' || (state.status === 'in_review' && state.preliminaryAid !== null);
  if (waitingForLawyer && state.lawyer === null && state.assignmentDue && state.assignmentOverdueFor === null) running.push({ limit: 'assignment', record: state.assignmentDue });
  if (state.status === 'objection_pending' && state.objection.overdueFor === null) running.push({ limit: 'objection', record: state.objection.decision });
  return running;
}

/** The years a file's running limits were counted provisionally in (what the recount looks for). */
export function provisionalYearsOf(state: LegalAidState): number[] {
  return [...new Set(runningLimits(state).flatMap((l) => l.record.provisionalYears))].sort((a, b) => a - b);
}
