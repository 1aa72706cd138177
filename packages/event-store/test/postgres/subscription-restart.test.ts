// A catch-up subscription whose PostgreSQL server stops and starts again (its own throwaway server, on
// the same port) resumes from its last delivered position: every event once, in readAll's order.
import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { newEvent, range, readCategoryUntil, sleep, uniqueCategory, within } from '../contract/support.js';

interface Server {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}
type StartPostgres = (options: { dataDir: string; port?: number; persistent: boolean; durable?: boolean }) => Promise<Server>;
// The repository's starter is plain JavaScript: loaded by address, so the type-check does not follow it.
const starter = new URL('../../../../scripts/embedded-postgres.mjs', import.meta.url).href;
const { startPostgres } = (await import(starter)) as { startPostgres: StartPostgres };

const TOTAL = 3_000;

t.test('the server restarts while a subscriber catches up: it goes on from where it was, no gap, no repeat', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'races-restart-'));
  const dataDir = join(dir, 'data');
  let server = await startPostgres({ dataDir, persistent: true, durable: false });
  const port = server.port;
  t.teardown(async () => {
    await server.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  });
  const store = await createPostgresEventStore({ connectionString: server.url, poolSize: 4, pollIntervalMs: 50 });
  t.teardown(() => store.close().catch(() => undefined));
  const category = uniqueCategory('restart');
  for (const chunk of range(TOTAL / 50)) await store.appendToStream(`${category}-${chunk % 5}`, range(50).map((i) => newEvent('Ticked', { chunk, i })));
  const all = await readCategoryUntil(store, category, undefined, TOTAL);

  const subscription = store.subscribeToAll({ filter: { streamCategories: [category] } });
  t.teardown(() => subscription.close());
  const iterator = subscription[Symbol.asyncIterator]();
  const received: RecordedEvent[] = [];
  const next = async (ms = 10_000) => {
    const r = await within(ms, 'next message', iterator.next());
    if (r.done === true) throw new Error('subscription ended');
    if (r.value.kind === 'event') received.push(r.value.event);
    return r.value;
  };

  // when the server stops half-way through the second page, and the subscriber asks on past the page
  while (received.length < 1_500) await next();
  await server.stop();
  while (received.length < 2_000) await next();
  const pending = next(60_000);
  await sleep(300); // the third page's read fails, and is tried again, while the server is down
  server = await startPostgres({ dataDir, port, persistent: true, durable: false });
  await pending;

  // then
  while (received.length < TOTAL) await next();
  t.equal((await next()).kind, 'caught-up', 'caught up');
  t.same(received.map((e) => e.id), all.map((e) => e.id), `all ${TOTAL} events once, in readAll's order`);
});
