import t from 'tap';
import { sql } from 'kysely';
import { caughtUp, startEngine } from './support/engine.js';
import { openStore, seed } from './support/store.js';
import { workOrderBoard } from './support/work-order-board.js';

t.test('given seeded work orders, when the engine runs, then every event is applied exactly once and restarts resume', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 50, eventsPerStream: 20 });
  const board = workOrderBoard();

  const first = startEngine(t, store, { projections: [board], batchSize: 100 });
  await first.start();
  await caughtUp(first, board.name, await store.headPosition());
  await first.stop();

  const rows = await sql<{ n: string; events: string }>`SELECT count(*) AS n, sum(events) AS events FROM work_order_board`.execute(db);
  t.same(rows.rows[0], { n: '50', events: '1000' }, 'one row per work order, 1000 events applied');

  await seed(store, { streams: 50, eventsPerStream: 4, event: (s, r) => ({ type: 'WorkOrderNoteAdded', data: { s, r } }) });
  const second = startEngine(t, store, { projections: [board], batchSize: 100 });
  await second.start();
  await caughtUp(second, board.name, await store.headPosition());
  const after = await sql<{ events: string }>`SELECT sum(events) AS events FROM work_order_board`.execute(db);
  t.equal(after.rows[0]?.events, '1200', 'the second run applied only the 200 new events');
  const counters = await sql<{ event_type: string; events: string }>`SELECT * FROM work_order_counters ORDER BY event_type`.execute(db);
  t.same(counters.rows.map((r) => [r.event_type, r.events]), [
    ['WorkOrderDispatched', '50'],
    ['WorkOrderNoteAdded', '950'],
    ['WorkOrderReplied', '200'],
  ]);
  t.same(second.runners(), [{ name: 'work_order_board', status: 'running' }]);
});
