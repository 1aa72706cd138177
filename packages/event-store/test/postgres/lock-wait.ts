// Waits for a condition instead of sleeping and assuming it: here, that `count` backends of this
// database are waiting on a lock (pg_stat_activity), i.e. the append under test has reached the lock.
import type pg from 'pg';

export async function untilWaitingOnLock(pool: pg.Pool, count = 1, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      "select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()",
    );
    if ((rows[0]?.n ?? 0) >= count) return;
    if (Date.now() > deadline) throw new Error(`no ${count} backend(s) waiting on a lock within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
