// RecomputeDeadlines (时限重算, see ../recount.ts): nothing when no running limit is provisional or the
// recount changes nothing (the same due moment, still provisional in the same years).
import type { RecomputeDeadlines } from '../commands.js';
import { deadlineFrom } from '../deadlines.js';
import type { DeadlinesRecomputed } from '../events.js';
import { instant } from '../guards.js';
import { runningLimits } from '../recount.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';

export function recomputeDeadlines(_command: RecomputeDeadlines, state: LegalAidState, { now, rules }: DecisionContext): DeadlinesRecomputed[] {
  const limits = runningLimits(state)
    .filter(({ record }) => record.provisionalYears.length > 0)
    .map(({ limit, record }) => ({ limit, record, deadline: deadlineFrom(rules, { unit: record.unit, amount: record.amount }, new Date(record.countedFrom)) }))
    .filter(({ record, deadline }) => deadline.dueAt !== record.dueAt || deadline.provisionalYears.join() !== record.provisionalYears.join())
    .map(({ limit, record, deadline }) => ({ limit, previousDueAt: record.dueAt, deadline }));
  if (limits.length === 0) return [];
  return [{ type: 'DeadlinesRecomputed', data: { by: 'calendar_year_loaded', recomputedAt: instant(now), limits } }];
}
