// The split-brain guard on its own: two runners apply the same batch from the same checkpoint at the
// same time; the compare-and-set lets exactly one commit, and the other's writes roll back with it.
import t from 'tap';
import { applyOnce } from '../src/apply.js';
import { createGeneration } from '../src/generations.js';
import { generationTables, LostOwnershipError, migrateEngineSchema } from '../src/index.js';
import { silentLogger } from '../src/logger.js';
import { DEFAULT_RETRY } from '../src/sleep.js';
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
