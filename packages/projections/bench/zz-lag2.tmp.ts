import { createPostgresEventStore } from '@bureau/event-store/postgres';
import type { EventStore } from '@bureau/event-store';
import pg from 'pg';
import { createProjectionEngine } from '../src/index.js';
import { workOrderBoard } from '../test/support/work-order-board.js';
const admin = 'postgres://postgres:postgres@127.0.0.1:55491/postgres';
const c = new pg.Client({ connectionString: admin }); await c.connect();
await c.query('DROP DATABASE IF EXISTS lagexp WITH (FORCE)'); await c.query('CREATE DATABASE lagexp'); await c.end();
const url = admin.replace(/postgres$/, 'lagexp');
const store = await createPostgresEventStore({ connectionString: url, pollIntervalMs: Number(process.env.POLL ?? 250) });
const writer = await createPostgresEventStore({ connectionString: url });
const sent = new Map<string, number>();
const yielded: number[] = [], handled: number[] = [], batchSizes: number[] = [], handleDur: number[] = [];
const wrapped: EventStore = { ...store, subscribeToAll(o) { const s = store.subscribeToAll(o); return { close: () => s.close(), async *[Symbol.asyncIterator]() { for await (const m of s) { if (m.kind === 'event') { const t = sent.get(m.event.id); if (t) yielded.push(performance.now() - t); } yield m; } } }; } };
const base = workOrderBoard();
const board = { ...base, handle: async (trx: any, events: any, tables: any) => { const h0 = performance.now(); for (const e of events) { const t = sent.get(e.id); if (t) handled.push(performance.now() - t); } batchSizes.push(events.length); await base.handle(trx, events, tables); handleDur.push(performance.now() - h0); } };
const engine = createProjectionEngine({ store: wrapped, pool: store.pool, projections: [board] });
await engine.start();
await writer.appendToStream('workorder-0', [{ type: 'WorkOrderDispatched', data: {} }]);
const lags: number[] = [];
const pending: Promise<void>[] = [];
const t0 = performance.now();
for (let i = 0; i < 1000; i++) {
  const wait = t0 + i * 5 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  pending.push((async () => {
    const id = crypto.randomUUID();
    const s = performance.now(); sent.set(id, s);
    const a = await writer.appendToStream(`workorder-${i % 100}`, [{ id, type: 'WorkOrderNoteAdded', data: { i } }]);
    await engine.waitForPosition(board.name, a.position, 10000);
    lags.push(performance.now() - s);
  })());
}
await Promise.all(pending);
const q = (a: number[]) => { a.sort((x, y) => x - y); return `p50 ${a[Math.floor(a.length / 2)]?.toFixed(1)} p99 ${a[Math.floor(a.length * 0.99)]?.toFixed(1)}`; };
console.log('yielded', q(yielded), '| handled', q(handled), '| visible', q(lags), '| batches', batchSizes.length, 'avg', (1000 / batchSizes.length).toFixed(1), '| handle ms', q(handleDur));
await engine.stop(); await store.close(); await writer.close();
