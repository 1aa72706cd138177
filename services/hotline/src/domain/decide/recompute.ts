// 时限重算: an order whose deadlines were counted provisionally (a year with no official calendar, domain
// reference §4) has them counted again, from the same starting points and limits (state.deadlineBasis),
// on the calendar now in force. Nothing to do when they were official, or come out the same.
import type { RecomputeDeadlines } from '../commands.js';
import { extendDue, officeHoursRecord } from '../deadlines.js';
import type { DeadlinesRecomputed } from '../events.js';
import type { DecisionContext, HotlineRules } from '../rules.js';
import type { DispatchedWorkOrder, WorkOrderState } from '../state.js';
import { instant } from '../guards.js';

/** The order's deadlines counted on `rules` from its basis. */
export function countedDeadlines(order: DispatchedWorkOrder, { calendar }: HotlineRules) {
  const { dispatchedAt, signForWorkingHours, returnWindowWorkingDays, reply } = order.deadlineBasis;
  const from = new Date(dispatchedAt);
  const replyFrom = new Date(reply.from);
  const replyDue = reply.fromIsDue ? extendDue(calendar, replyFrom, reply.workingDays) : calendar.addWorkingDays(replyFrom, reply.workingDays);
  return {
    signForDueAt: calendar.addWorkingHours(from, signForWorkingHours).toISOString(),
    replyDueAt: replyDue.toISOString(),
    returnWindowEndsAt: calendar.addWorkingDays(from, returnWindowWorkingDays).toISOString(),
  };
}

/**
 * Recorded with `provisionalYears: []`: the caller deciding on a provisional calendar (provisional.ts)
 * names the years still missing. An unchanged count on an unchanged calendar records nothing.
 */
export function recomputeDeadlines(_command: RecomputeDeadlines, state: WorkOrderState, { now, rules }: DecisionContext): DeadlinesRecomputed[] {
  if (state.status === 'not_dispatched' || state.provisionalYears.length === 0) return [];
  const counted = countedDeadlines(state, rules);
  const open = state.status === 'awaiting_sign_for' || state.status === 'handling';
  return [
    {
      type: 'DeadlinesRecomputed',
      data: {
        by: { kind: 'rule', rule: 'calendar_year_loaded' },
        recomputedAt: instant(now),
        previous: {
          signForDueAt: state.signForDueAt,
          replyDueAt: state.replyDueAt,
          returnWindowEndsAt: state.returnWindowEndsAt,
          provisionalYears: [...state.provisionalYears],
        },
        ...counted,
        running: { signFor: state.status === 'awaiting_sign_for', reply: open },
        calendarVersion: rules.calendar.version,
        ...officeHoursRecord(rules),
        provisionalYears: [],
      },
    },
  ];
}
