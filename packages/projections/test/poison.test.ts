import { formatPosition, type RecordedEvent } from '@bureau/event-store';
import { sql } from 'kysely';
import t from 'tap';
import { projectionStatus, resumeParkedProjection } from '../src/index.js';
import { appliedEvents } from './support/applied-events.js';
import { caughtUp, startEngine } from './support/engine.js';
import { openStore, seed } from './support/store.js';
import { eventually } from './support/wait.js';
import { workOrderBoard } from './support/work-order-board.js';

t.test('given an event one projection cannot handle, then it parks naming the event and the others go on', async (t) => {
  const { store, db } = await openStore(t);
  await seed(store, { streams: 50, eventsPerStream: 20 });
  const all: RecordedEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  const poisonAt = 613;
  const poison = all[poisonAt] as RecordedEvent;
  let fixed = false;
  const fragile = appliedEvents({ name: 'fragile_log', refuse: (e) => !fixed && e.id === poison.id });
  const board = workOrderBoard();
  const engine = startEngine(t, store, { projections: [fragile, board], batchSize: 100 });
  await engine.start();

  await caughtUp(engine, board.name, await store.headPosition());
  const parked = await eventually('the fragile projection to park', async () => {
    const [status] = await projectionStatus({ db, store, projections: [fragile] });
    return status?.status === 'parked' ? status : undefined;
  });
  t.same(parked.parked?.event, {
    id: poison.id,
    type: poison.type,
    streamName: poison.streamName,
    revision: poison.revision.toString(),
    position: formatPosition(poison.position),
    attempts: 3,
  }, 'the parked event is named: id, stream, revision, position');
  t.equal(parked.parked?.error, `refused event ${poison.id}`, 'with the handler\'s error');
  t.equal(parked.checkpoint, formatPosition((all[poisonAt - 1] as RecordedEvent).position), 'checkpoint: exactly the event before it');
  t.equal(parked.eventsBehind, all.length - poisonAt, 'the failing event and those after it are still to do');
  const applied = await sql<{ n: string }>`SELECT count(*) AS n FROM fragile_log.applied`.execute(db);
  t.equal(applied.rows[0]?.n, String(poisonAt), 'every event before it applied, none after');
  t.same(engine.runners().find((r) => r.name === 'fragile_log'), { name: 'fragile_log', status: 'parked' });

  const [healthy] = await projectionStatus({ db, store, projections: [board] });
  t.match(healthy, { status: 'running', eventsBehind: 0, secondsBehind: 0, parked: null }, 'the other projection reached the end');
  const boardEvents = await sql<{ n: string }>`SELECT sum(events) AS n FROM work_order_board`.execute(db);
  t.equal(boardEvents.rows[0]?.n, String(all.length));

  // when the fix is deployed and the projection resumed, then it carries on from the failing event
  fixed = true;
  t.equal(await resumeParkedProjection(db, fragile.name), true);
  await caughtUp(engine, fragile.name, await store.headPosition());
  const after = await sql<{ n: string; distinct: string }>`SELECT count(*) AS n, count(DISTINCT event_id) AS distinct FROM fragile_log.applied`.execute(db);
  t.same(after.rows[0], { n: String(all.length), distinct: String(all.length) }, 'all events applied, each once');
});
