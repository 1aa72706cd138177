// The split-brain guard on its own: two runners apply the same batch from the same checkpoint at the
// same time; the compare-and-set lets exactly one commit, and the other's writes roll back with it.
import t from 'tap';
import { applyOnce } from '../src/apply.js';
import { createGeneration } from '../src/generations.js';
import { generationTables, LostOwnershipError, migrateEngineSchema } from '../src/index.js';
import { silentLogger } from '../src/logger.js';
import { DEFAULT_RETRY } from '../src/retry-policy.js';
import { appliedEvents } from './support/applied-events.js';
import { openStore, seed } from './support/store.js';
import { sql } from 'kysely';
import type { RecordedEvent } from '@bureau/event-store';

t.test('given two runners applying one batch from one checkpoint, then one commits and the other is refused', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 2, eventsPerStream: 5 });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  const projection = appliedEvents({ name: 'guard_log', batchDelayMs: 100 });
  await migrateEngineSchema(db);
  const generation = await createGeneration(db, projection, 'active');
  const target = { db, projection, generation: generation.generation, tables: generationTables(projection, generation.generation), retry: DEFAULT_RETRY, logger: silentLogger };
  const through = (events.at(-1) as RecordedEvent).position;

  const outcomes = await Promise.allSettled([applyOnce(target, undefined, events, through), applyOnce(target, undefined, events, through)]);
  t.same(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
  const refused = outcomes.find((o) => o.status === 'rejected');
  t.ok(refused?.status === 'rejected' && refused.reason instanceof LostOwnershipError, 'the loser learns the checkpoint moved under it');
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM guard_log.applied`.execute(db);
  t.equal(rows[0]?.n, '10', 'each event applied once');
});

t.test('given a handler that swallows a failed statement, then the batch is an error and nothing of it stays', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 1, eventsPerStream: 3 });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  const writes = appliedEvents({ name: 'swallow_log' });
  // Writes the events, then runs a failing statement and carries on as if nothing happened: PostgreSQL
  // has aborted the transaction, so its COMMIT is answered ROLLBACK.
  const swallowing = {
    ...writes,
    async handle(...args: Parameters<typeof writes.handle>) {
      await writes.handle(...args);
      await sql`SELECT 1 / 0`.execute(args[0]).catch(() => undefined);
    },
  };
  await migrateEngineSchema(db);
  const generation = await createGeneration(db, swallowing, 'active');
  const target = { db, projection: swallowing, generation: generation.generation, tables: generationTables(swallowing, generation.generation), retry: DEFAULT_RETRY, logger: silentLogger };
  const through = (events.at(-1) as RecordedEvent).position;
  await t.rejects(applyOnce(target, undefined, events, through), /aborted/);
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM swallow_log.applied`.execute(db);
  t.equal(rows[0]?.n, '0', 'the rows were rolled back');
  const checkpoint = await sql<{ commit_position: string | null }>`
    SELECT commit_position FROM projections.checkpoints WHERE projection = 'swallow_log'`.execute(db);
  t.equal(checkpoint.rows[0]?.commit_position, null, 'the checkpoint did not move');
  // The same batch applied properly afterwards (the pool's connections were left usable).
  await applyOnce({ ...target, projection: writes }, undefined, events, through);
  const after = await sql<{ n: string }>`SELECT count(*) AS n FROM swallow_log.applied`.execute(db);
  t.equal(after.rows[0]?.n, '3');
});

t.test('given a handler that writes at once, then it starts while the move waits, and its statements run after it, inside the transaction', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 1, eventsPerStream: 3 });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  const through = (events.at(-1) as RecordedEvent).position;
  const writes = appliedEvents({ name: 'eager_log' });
  let started!: () => void;
  const handlerStarted = new Promise<void>((resolve) => (started = resolve));
  const seen: { checkpoint: string | null; inTransaction: boolean }[] = [];
  // applyOnce does not wait for BEGIN and the move to answer: the handler's statements queue behind
  // them on the connection, which runs them in order, so they see the moved checkpoint (not yet
  // committed: visible only inside the batch's own transaction).
  const eager = {
    ...writes,
    async handle(...args: Parameters<typeof writes.handle>) {
      started();
      const { rows } = await sql<{ commit_position: string | null; xid: string | null }>`
        SELECT commit_position, txid_current_if_assigned()::text AS xid
        FROM projections.checkpoints WHERE projection = 'eager_log'`.execute(args[0]);
      seen.push({ checkpoint: rows[0]?.commit_position ?? null, inTransaction: rows[0]?.xid !== null });
      await writes.handle(...args);
    },
  };
  await migrateEngineSchema(db);
  const generation = await createGeneration(db, eager, 'active');
  const target = { db, projection: eager, generation: generation.generation, tables: generationTables(eager, generation.generation), retry: DEFAULT_RETRY, logger: silentLogger };
  await db.connection().execute(async (locker) => {
    // Another transaction holds the checkpoint's row: the move waits on its lock.
    await sql`BEGIN`.execute(locker);
    await sql`SELECT 1 FROM projections.checkpoints WHERE projection = 'eager_log' FOR UPDATE`.execute(locker);
    const applying = applyOnce(target, undefined, events, through);
    const first = await Promise.race([handlerStarted.then(() => 'handler started'), new Promise((resolve) => setTimeout(resolve, 5_000, 'timed out'))]);
    t.equal(first, 'handler started', 'the handler started while the move still waited');
    t.same(seen, [], 'its statement had not run yet');
    await sql`COMMIT`.execute(locker);
    await applying;
  });
  t.same(seen, [{ checkpoint: through.commit.toString(), inTransaction: true }], "the handler's statement saw the batch's own checkpoint, inside its transaction");
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM eager_log.applied`.execute(db);
  t.equal(rows[0]?.n, '3');
});

t.test('given a stale checkpoint, then the move\'s refusal is reported, not the handler\'s failed statements, and nothing stays', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 1, eventsPerStream: 4 });
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  const writes = appliedEvents({ name: 'stale_log' });
  await migrateEngineSchema(db);
  const generation = await createGeneration(db, writes, 'active');
  const target = { db, projection: writes, generation: generation.generation, tables: generationTables(writes, generation.generation), retry: DEFAULT_RETRY, logger: silentLogger };
  const first = events.slice(0, 2);
  await applyOnce(target, undefined, first, (first.at(-1) as RecordedEvent).position);
  // A runner that still believes nothing was applied: its move fails, and PostgreSQL refuses the
  // handler's INSERT that was queued behind it (current transaction is aborted).
  const refused = await applyOnce(target, undefined, events.slice(2), (events.at(-1) as RecordedEvent).position).then(() => undefined, (error: unknown) => error);
  t.ok(refused instanceof LostOwnershipError, `LostOwnershipError, got ${String(refused)}`);
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM stale_log.applied`.execute(db);
  t.equal(rows[0]?.n, '2', 'only the first batch\'s rows');
  // The connection it used was left usable: the next batch from the right checkpoint applies.
  await applyOnce(target, (first.at(-1) as RecordedEvent).position, events.slice(2), (events.at(-1) as RecordedEvent).position);
  const after = await sql<{ n: string }>`SELECT count(*) AS n FROM stale_log.applied`.execute(db);
  t.equal(after.rows[0]?.n, '4');
});
