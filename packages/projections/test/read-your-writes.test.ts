// Append, then query with the position the append returned: the answer always includes the write.
// Half the queries are answered by the process running the projection (in-process news), half by a
// "query process" that only watches checkpoints (LISTEN/NOTIFY). Both go through the HTTP helper.
import { formatPosition } from '@bureau/event-store';
import Fastify from 'fastify';
import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { CheckpointWatcher, type PositionWaiter } from '../src/index.js';
import { awaitFreshness } from '../src/http/index.js';
import { caughtUp, startEngine } from './support/engine.js';
import { openStore, openStoreAt } from './support/store.js';
import { workOrderBoard } from './support/work-order-board.js';

// The wait bound is generous: parallel test files share the server, and a transaction open anywhere in
// it holds back what readers may see (the store's gap-free rule), so a projection can lag for moments.
function queryApp(db: Kysely<any>, waiter: PositionWaiter, maxWaitMs = 10_000) {
  const app = Fastify();
  app.get<{ Params: { stream: string } }>('/work-orders/:stream', async (request, reply) => {
    const freshness = await awaitFreshness(waiter, 'work_order_board', request, { maxWaitMs });
    if (freshness.kind !== 'fresh') return reply.code(freshness.statusCode).headers(freshness.headers).send(freshness.body);
    const { rows } = await sql<{ last_revision: string; status: string }>`
      SELECT last_revision, status FROM work_order_board WHERE stream_name = ${request.params.stream}`.execute(db);
    return rows[0] ?? reply.code(404).send();
  });
  return app;
}

t.test('given a running projection, when a client appends then queries with the position, then it reads its write', async (t) => {
  const { url, store, db } = await openStore(t);
  const board = workOrderBoard();
  const engine = startEngine(t, store, { projections: [board] });
  await engine.start();
  // The query process: its own pool, no runner, only the checkpoint watcher.
  const reader = await openStoreAt(t, url);
  const watcher = new CheckpointWatcher({ db: reader.db, listen: reader.store.pool.options, store: reader.store, projections: [board] });
  t.teardown(() => watcher.close());
  const apps = [queryApp(db, engine), queryApp(reader.db, watcher)];

  let stale = 0;
  for (let i = 0; i < 200; i++) {
    const stream = `workorder-${i % 7}`;
    const type = i % 3 === 0 ? 'WorkOrderReplied' : 'WorkOrderNoteAdded';
    const appended = await store.appendToStream(stream, [{ type, data: { i } }]);
    const position = formatPosition(appended.position);
    const app = apps[i % 2] as (typeof apps)[number];
    const response = await app.inject({
      method: 'GET',
      url: `/work-orders/${stream}${i % 4 < 2 ? `?after=${position}` : ''}`,
      ...(i % 4 >= 2 ? { headers: { 'x-min-position': position } } : {}),
    });
    const body = response.json<{ last_revision?: string; status?: string }>();
    if (response.statusCode !== 200 || body.last_revision !== appended.nextExpectedRevision.toString() || body.status !== (i % 3 === 0 ? 'replied' : 'in_hand')) stale += 1;
  }
  t.equal(stale, 0, '200 of 200 queries saw their own write');
  for (const app of apps) await app.close();
});

t.test('given a position the projection has not reached, then the query answers 503 not-yet instead of stale data', async (t) => {
  const { store, db } = await openStore(t);
  const board = workOrderBoard();
  const engine = startEngine(t, store, { projections: [board] });
  await engine.start();
  const app = queryApp(db, engine, 300);
  const appended = await store.appendToStream('workorder-1', [{ type: 'WorkOrderDispatched', data: {} }]);
  const future = `${appended.position.commit + 1000n}/${appended.position.prepare + 1000n}`;
  const started = Date.now();
  const response = await app.inject({ method: 'GET', url: `/work-orders/workorder-1?after=${future}` });
  t.equal(response.statusCode, 503);
  t.ok(Date.now() - started >= 290, 'after waiting the bounded time');
  t.equal(response.headers['retry-after'], '1');
  t.match(response.headers['content-type'], /^application\/problem\+json/);
  t.match(response.json(), { type: 'urn:bureau:problem:read-model-not-caught-up', status: 503, projection: 'work_order_board', position: future });

  const invalid = await app.inject({ method: 'GET', url: '/work-orders/workorder-1?after=yesterday' });
  t.equal(invalid.statusCode, 400, 'an unreadable position is a 400');
  t.match(invalid.json(), { type: 'urn:bureau:problem:invalid-position' });
  // (Once the projection has the event: parallel test files share the server, and their open
  // transactions can hold its visibility back past the 300 ms above.)
  await caughtUp(engine, board.name, appended.position);
  const plainStarted = Date.now();
  const plain = await app.inject({ method: 'GET', url: '/work-orders/workorder-1' });
  t.equal(plain.statusCode, 200, 'without a position the query answers at once');
  t.ok(Date.now() - plainStarted < 290, 'without waiting the bounded time');
  await app.close();
});

t.test('given a write the projection ignores, when a client waits on its position, then the wait still ends', async (t) => {
  const { store } = await openStore(t);
  const board = workOrderBoard();
  const engine = startEngine(t, store, { projections: [board] });
  await engine.start();
  await store.appendToStream('workorder-1', [{ type: 'WorkOrderDispatched', data: {} }]);
  const unrelated = await store.appendToStream('advisor-9', [{ type: 'AdvisorVisitLogged', data: {} }]);
  t.equal(await engine.waitForPosition(board.name, unrelated.position, 5_000), 'reached');
});
