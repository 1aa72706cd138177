import { createPostgresEventStore } from '@bureau/event-store/postgres';
import pg from 'pg';
import { createProjectionEngine } from '../src/index.js';
import { workOrderBoard } from '../test/support/work-order-board.js';
const admin = 'postgres://postgres:postgres@127.0.0.1:55491/postgres';
const c = new pg.Client({ connectionString: admin }); await c.connect();
await c.query('DROP DATABASE IF EXISTS lagexp WITH (FORCE)'); await c.query('CREATE DATABASE lagexp'); await c.end();
const url = admin.replace(/postgres$/, 'lagexp');
const store = await createPostgresEventStore({ connectionString: url });
const writer = process.argv[2] === 'separate' ? await createPostgresEventStore({ connectionString: url }) : store;
const board = workOrderBoard();
const engine = createProjectionEngine({ store, pool: store.pool, projections: [board] });
await engine.start();
await writer.appendToStream('workorder-0', [{ type: 'WorkOrderDispatched', data: {} }]);
const lags: number[] = []; const acks: number[] = [];
const pending: Promise<void>[] = [];
const t0 = performance.now();
for (let i = 0; i < 1000; i++) {
  const wait = t0 + i * 5 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  pending.push((async () => {
    const s = performance.now();
    const a = await writer.appendToStream(`workorder-${i % 100}`, [{ type: 'WorkOrderNoteAdded', data: { i } }]);
    acks.push(performance.now() - s);
    await engine.waitForPosition(board.name, a.position, 10000);
    lags.push(performance.now() - s);
  })());
}
await Promise.all(pending);
const el = (performance.now() - t0) / 1000;
lags.sort((a, b) => a - b); acks.sort((a, b) => a - b);
console.log(process.argv[2], 'rate', Math.round(1000 / el), 'lag p50', lags[500]?.toFixed(1), 'p99', lags[990]?.toFixed(1), 'ack p50', acks[500]?.toFixed(1), 'p99', acks[990]?.toFixed(1));
await engine.stop(); await store.close(); if (writer !== store) await writer.close();
