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
