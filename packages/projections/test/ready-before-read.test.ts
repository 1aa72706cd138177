// A service starts its engine on Fastify's `onReady` and listens once that resolves. A read sent the
// instant it listens must find the read model's tables: possibly empty and still catching up, never
// missing (CI saw a 500 "relation hotline_work_orders does not exist" 1 run in 6 when the runner
// created them only after the service was listening). Each round is a projection this database has
// never seen, so each start is a first start; the rounds make a race that is lost now and then fail.
import { sql } from 'kysely';
import Fastify from 'fastify';
import pg from 'pg';
import t from 'tap';
import { createProjectionEngine, defineProjection, loadGenerations, type Projection } from '../src/index.js';
import { caughtUp } from './support/engine.js';
import { openStore, seed, type TestDatabase } from './support/store.js';

const ROUNDS = 12;
const STREAMS = 20;

/** One row per work order, under a name of its own. */
function desk(name: string, schema?: string): Projection {
  return defineProjection({
    name,
    ...(schema ? { schema } : {}),
    version: 1,
    streamCategories: ['workorder'],
    tables: [name],
    async migrate(trx, tables) {
      await sql`CREATE TABLE ${sql.table(tables[name]!)} (stream_name text PRIMARY KEY, events integer NOT NULL)`.execute(trx);
    },
    async handle(trx, events, tables) {
      const counts = new Map<string, number>();
      for (const e of events) counts.set(e.streamName, (counts.get(e.streamName) ?? 0) + 1);
      await sql`
        INSERT INTO ${sql.table(tables[name]!)} AS d (stream_name, events)
        SELECT * FROM unnest(${[...counts.keys()]}::text[], ${[...counts.values()]}::int[])
        ON CONFLICT (stream_name) DO UPDATE SET events = d.events + excluded.events`.execute(trx);
    },
  });
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A service as the services build one: the engine started on ready, a route reading the view. */
async function service(t: Teardown, { store }: TestDatabase, projection: Projection) {
  const engine = createProjectionEngine({ store, pool: store.pool, projections: [projection], standbyPollMs: 50 });
  const app = Fastify();
  app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => engine.stop());
  app.get('/desk', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(projection.name)}`.execute(engine.db);
    return { workOrders: rows[0]?.n };
  });
  t.teardown(() => app.close());
  /** Listens, and reads in the same tick as listen resolves. */
  const listenAndRead = async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/desk`);
    return { status: res.status, body: (await res.json()) as { workOrders?: number } };
  };
  return { engine, app, listenAndRead };
}

t.test('given a fresh database, when a service reads the instant it listens, then its read model answers (behind, never missing)', async (t) => {
  const database = await openStore(t);
  await seed(database.store, { streams: STREAMS, eventsPerStream: 5 });
  const statuses: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const { app, listenAndRead } = await service(t, database, desk(`desk_${round}`));
    const read = await listenAndRead();
    statuses.push(read.status);
    if (read.status === 200) t.ok(read.body.workOrders! >= 0 && read.body.workOrders! <= STREAMS, `round ${round}: ${read.body.workOrders} of ${STREAMS} work orders so far`);
    await app.close();
  }
  t.same(statuses, Array(ROUNDS).fill(200), `every read the instant the service listened found its table (${statuses.join(' ')})`);
});

t.test('given another instance holding the projection (not yet having made its tables), when a standby starts, then it still reads from existing tables and later takes over the same generation', async (t) => {
  const database = await openStore(t);
  await seed(database.store, { streams: STREAMS, eventsPerStream: 5 });
  const projection = desk('desk_standby');
  // The other instance: it holds the runner's lock, as a process that won it a moment ago would.
  const other = new pg.Client({ connectionString: database.url });
  await other.connect();
  t.teardown(() => other.end());
  await other.query(`SELECT pg_advisory_lock(hashtextextended('bureau.projection:desk_standby', 0))`);

  const { engine, listenAndRead } = await service(t, database, projection);
  const read = await listenAndRead();
  t.same(read, { status: 200, body: { workOrders: 0 } }, 'the standby answers from the empty tables');
  t.same(engine.runners(), [{ name: 'desk_standby', status: 'standby' }]);

  await other.query(`SELECT pg_advisory_unlock(hashtextextended('bureau.projection:desk_standby', 0))`);
  await caughtUp(engine, 'desk_standby', await database.store.headPosition());
  const generations = await loadGenerations(database.db, 'desk_standby');
  t.same(generations.map((g) => [g.generation, g.state]), [[1, 'active']], 'the runner filled the generation made at start');
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM desk_standby`.execute(database.db);
  t.equal(rows[0]?.n, STREAMS);
});

t.test('given two instances starting at once on a fresh projection, then both read at once and there is one generation', async (t) => {
  const database = await openStore(t);
  await seed(database.store, { streams: STREAMS, eventsPerStream: 5 });
  const projection = desk('desk_pair');
  const [a, b] = await Promise.all([service(t, database, projection), service(t, database, projection)]);
  const reads = await Promise.all([a.listenAndRead(), b.listenAndRead()]);
  t.same(reads.map((r) => r.status), [200, 200]);
  await caughtUp(a.engine, 'desk_pair', await database.store.headPosition());
  t.same((await loadGenerations(database.db, 'desk_pair')).map((g) => [g.generation, g.state]), [[1, 'active']]);
  t.same(a.engine.runners().map((r) => r.status).concat(b.engine.runners().map((r) => r.status)).sort(), ['running', 'standby']);
});

t.test('given two projections in a schema not made yet, when one engine starts them, then both have their tables at once', async (t) => {
  const { store, db } = await openStore(t);
  const engine = createProjectionEngine({ store, pool: store.pool, projections: [desk('desk_one', 'front_desk'), desk('desk_two', 'front_desk')] });
  t.teardown(() => engine.stop());
  await engine.start();
  const { rows } = await sql<{ n: number }>`SELECT (SELECT count(*) FROM front_desk.desk_one) + (SELECT count(*) FROM front_desk.desk_two) AS n`.execute(db);
  t.equal(Number(rows[0]?.n), 0, 'both views answer, empty');
});
