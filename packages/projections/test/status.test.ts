import { formatPosition } from '@bureau/event-store';
import Fastify from 'fastify';
import t from 'tap';
import { migrateEngineSchema, prometheusMetrics, projectionStatus } from '../src/index.js';
import { projectionRoutes } from '../src/http/index.js';
import { caughtUp, startEngine } from './support/engine.js';
import { openStore, seedTo } from './support/store.js';
import { workOrderBoard } from './support/work-order-board.js';

t.test('given a projection not running yet, then status shows it stopped and how far behind', async (t) => {
  const { store, db } = await openStore(t);
  await migrateEngineSchema(db);
  await seedTo(store, { streams: 30, eventsPerStream: 10 });
  const board = workOrderBoard();
  const inAMinute = () => new Date(Date.now() + 60_000);

  const [stopped] = await projectionStatus({ db, store, projections: [board], now: inAMinute });
  t.match(stopped, { name: 'work_order_board', status: 'stopped', checkpoint: null, eventsBehind: 300, eventsBehindCapped: false, standbys: 0, parked: null, rebuild: null });
  t.ok((stopped?.secondsBehind ?? 0) >= 60, 'seconds behind: age of the oldest event not applied');
  const [capped] = await projectionStatus({ db, store, projections: [board], eventsBehindCap: 100 });
  t.match(capped, { eventsBehind: 100, eventsBehindCapped: true }, 'counting stops at the cap');
});

t.test('given a running projection, then status, metrics and the routes report it caught up', async (t) => {
  const { store, db } = await openStore(t);
  const { last } = await seedTo(store, { streams: 30, eventsPerStream: 10 });
  const board = workOrderBoard();
  const engine = startEngine(t, store, { projections: [board] });
  await engine.start();
  await caughtUp(engine, board.name, last);

  const statuses = await projectionStatus({ db, store, projections: [board] });
  t.match(statuses, [{ name: 'work_order_board', status: 'running', version: 1, generation: 1, checkpoint: formatPosition(last), eventsBehind: 0, secondsBehind: 0 }]);

  const metrics = prometheusMetrics(statuses);
  t.match(metrics, /# TYPE projection_events_behind gauge\nprojection_events_behind\{projection="work_order_board"\} 0\n/);
  t.match(metrics, /projection_seconds_behind\{projection="work_order_board"\} 0\n/);
  t.match(metrics, /projection_status\{projection="work_order_board",status="running"\} 1\n/);
  t.match(metrics, /projection_status\{projection="work_order_board",status="parked"\} 0\n/);
  t.match(metrics, new RegExp(`projection_checkpoint_position\\{projection="work_order_board"\\} ${last.prepare}\\n`));

  const app = Fastify();
  projectionRoutes(app, { db, store, projections: [board] });
  const json = await app.inject({ method: 'GET', url: '/projections' });
  t.equal(json.statusCode, 200);
  t.match(json.json(), { projections: [{ name: 'work_order_board', status: 'running', eventsBehind: 0 }] });
  const text = await app.inject({ method: 'GET', url: '/metrics' });
  t.equal(text.statusCode, 200);
  t.match(text.headers['content-type'], /^text\/plain; version=0\.0\.4/);
  t.match(text.body, /projection_status\{projection="work_order_board",status="running"\} 1/);
  await app.close();
});
