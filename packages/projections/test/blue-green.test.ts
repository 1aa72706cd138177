// Rebuild blue/green: while the new generation fills, queries (through the views) keep answering from
// the old tables; after the switch they answer from the new ones, and the old tables are dropped.
import type { GlobalPosition } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import t from 'tap';
import { activeTable, loadGenerations, projectionStatus, rebuildProjection } from '../src/index.js';
import { caughtUp, startEngine } from './support/engine.js';
import { openStore, seed } from './support/store.js';
import { eventually } from './support/wait.js';
import { workOrderBoard } from './support/work-order-board.js';

async function board(db: Kysely<any>): Promise<{ rows: number; events: number; statuses: string }> {
  const { rows } = await sql<{ rows: string; events: string; statuses: string }>`
    SELECT count(*) AS rows, coalesce(sum(events), 0) AS events, string_agg(DISTINCT status, ',' ORDER BY status) AS statuses FROM work_order_board`.execute(db);
  const row = rows[0];
  return { rows: Number(row?.rows), events: Number(row?.events), statuses: row?.statuses ?? '' };
}

async function tables(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE tablename LIKE 'work_order_board_g%' ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

t.test('given a live projection, when it is rebuilt, then queries use the old tables until the switch, the new ones after', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 100, eventsPerStream: 20 });
  const v1 = workOrderBoard();
  const engine = startEngine(t, store, { projections: [v1] });
  await engine.start();
  await caughtUp(engine, v1.name, await store.headPosition());
  const before = await board(db);
  t.same(before, { rows: 100, events: 2000, statuses: 'replied' });

  // A rebuild of the same version (say, after fixing data by hand), while the engine stays live.
  const during: Array<Awaited<ReturnType<typeof board>>> = [];
  let appendedDuring: GlobalPosition | undefined;
  const result = await rebuildProjection({
    store,
    pool: store.pool,
    projection: workOrderBoard({ shout: true }),
    batchSize: 250,
    onProgress: async () => {
      during.push(await board(db));
      appendedDuring ??= (await store.appendToStream('workorder-1000', [{ type: 'WorkOrderDispatched', data: {} }])).position;
    },
  });
  t.equal(result.kind, 'switched');
  t.ok(during.length >= 8, `queried ${during.length} times during the rebuild`);
  t.ok(
    during.every((d) => d.statuses === 'replied' || d.statuses === 'dispatched,replied'),
    `every query during the rebuild answered from the old tables (lower-case statuses): ${during.map((d) => d.statuses).join(' | ')}`,
  );
  t.ok(during.every((d) => d.events >= 2000), 'and never from the half-built new ones');

  await caughtUp(engine, v1.name, appendedDuring);
  const after = await board(db);
  t.match(after, { rows: 101, events: 2001 }, 'after the switch: the new tables, including the event appended meanwhile, once');
  // The rebuilt rows shout (REPLIED). The event appended meanwhile is applied either by the rebuild
  // before it switches or, if an open transaction still hid it when the rebuild caught up, by the live
  // runner just after (which does not shout): once either way.
  t.match(after.statuses, /^(DISPATCHED,REPLIED|REPLIED,dispatched)$/, 'rows from the new generation');
  t.same(await tables(db), ['work_order_board_g2'], 'the old tables are dropped');
  t.equal(await activeTable(db, v1, 'work_order_board'), 'public.work_order_board_g2');

  // The live runner follows the new generation from where the rebuild left it.
  const appended = await store.appendToStream('workorder-1001', [{ type: 'WorkOrderDispatched', data: {} }]);
  await caughtUp(engine, v1.name, appended.position);
  t.match(await board(db), { rows: 102, events: 2002 }, 'the runner applies new events to the new tables');
  const { rows } = await sql<{ events: number }>`SELECT events FROM work_order_board_g2 WHERE stream_name = 'workorder-1001'`.execute(db);
  t.same(rows, [{ events: 1 }]);
});

t.test('given a service deploying a new projection version, then its runner rebuilds blue/green and switches', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 100, eventsPerStream: 20 });
  const v1 = workOrderBoard();
  const first = startEngine(t, store, { projections: [v1] });
  await first.start();
  await caughtUp(first, v1.name, await store.headPosition());
  await first.stop();

  let rebuilding: (() => void) | undefined;
  const holdRebuild = new Promise<void>((resolve) => (rebuilding = resolve));
  const v2 = workOrderBoard({
    version: 2,
    shout: true,
  });
  const slowV2 = { ...v2, handle: async (...args: Parameters<typeof v2.handle>) => { await holdRebuild; return await v2.handle(...args); } };
  const second = startEngine(t, store, { projections: [slowV2] });
  await second.start();
  const status = await eventually('the new version to start rebuilding', async () => {
    const [s] = await projectionStatus({ db, store, projections: [slowV2] });
    return s?.status === 'rebuilding' && s.rebuild ? s : undefined;
  });
  t.match(status, { status: 'rebuilding', version: 1, generation: 1, rebuild: { generation: 2, version: 2 } });
  t.same(second.runners(), [{ name: 'work_order_board', status: 'rebuilding' }]);
  t.same(await board(db), { rows: 100, events: 2000, statuses: 'replied' }, 'meanwhile the old version still answers');
  rebuilding?.();

  await eventually('the switch', async () => ((await loadGenerations(db, v1.name)).some((g) => g.state === 'active' && g.version === 2) ? true : undefined));
  await caughtUp(second, v1.name, await store.headPosition());
  t.same(await board(db), { rows: 100, events: 2000, statuses: 'REPLIED' }, 'then the new version answers');
  await eventually('running', async () => (second.runners()[0]?.status === 'running' ? true : undefined));
});
