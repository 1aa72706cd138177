import { createPostgresEventStore } from '@bureau/event-store/postgres';
import pg from 'pg';
const admin = 'postgres://postgres:postgres@127.0.0.1:55491/postgres';
const c = new pg.Client({ connectionString: admin }); await c.connect();
await c.query('DROP DATABASE IF EXISTS lagexp WITH (FORCE)'); await c.query('CREATE DATABASE lagexp'); await c.end();
const url = admin.replace(/postgres$/, 'lagexp');
const store = await createPostgresEventStore({ connectionString: url });
const writer = await createPostgresEventStore({ connectionString: url });
const sent = new Map<string, number>();
const lags: number[] = [];
const sub = store.subscribeToAll({ filter: { streamCategories: ['workorder'] } });
void (async () => { for await (const m of sub) if (m.kind === 'event') { const s = sent.get(m.event.id); if (s) lags.push(performance.now() - s); } })();
const pending: Promise<unknown>[] = [];
const t0 = performance.now();
for (let i = 0; i < 1000; i++) {
  const wait = t0 + i * 5 - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const id = crypto.randomUUID();
  sent.set(id, performance.now());
  pending.push(writer.appendToStream(`workorder-${i % 100}`, [{ id, type: 'WorkOrderNoteAdded', data: { i } }]));
}
await Promise.all(pending);
await new Promise((r) => setTimeout(r, 1000));
lags.sort((a, b) => a - b);
console.log('delivered', lags.length, 'p50', lags[Math.floor(lags.length/2)]?.toFixed(1), 'p99', lags[Math.floor(lags.length*0.99)]?.toFixed(1));
await sub.close(); await store.close(); await writer.close();
