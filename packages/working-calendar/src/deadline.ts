/**
 * A deadline is the instant the time runs out: an act at exactly that instant is in time, only a
 * later one is overdue (超期). For a day deadline that instant is 24:00, the day's last moment.
 */
export function isOverdue(deadline: Date, at: Date): boolean {
  return at.getTime() > deadline.getTime();
}
