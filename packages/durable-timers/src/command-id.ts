// The key that makes firing idempotent: the same for every try at one timer and one due time (for a
// schedule, one occurrence), so a crash mid-fire or two loops racing record one event.
import type { DueTimer } from './timer-queries.js';

export function timerCommandId(prefix: string, timer: Pick<DueTimer, 'timer_id' | 'due_at_iso'>): string {
  return `${prefix}:${timer.timer_id}@${timer.due_at_iso}`;
}
