// A stored year restores to the same store: every event with its stream, revision, id, type, data,
// metadata and hash, in the same order in $all, and the streams' rows; only into an empty store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PostgresEventStore } from '@bureau/event-store/postgres';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { eventually, freshDatabase } from '@bureau/testing';
import t from 'tap';
import { generateYear } from '../src/index.js';
import { findStoredYear, restoreStoredYear, saveStoredYear } from '../src/stored-year.js';

async function storeOn(tap: Parameters<typeof freshDatabase>[0], name: string) {
  const url = await freshDatabase(tap, name);
  const store = await createPostgresEventStore({ connectionString: url });
  tap.teardown(() => store.close());
  return store;
}

const contents = async (store: PostgresEventStore) => {
  const events: string[] = [];
  for await (const e of store.readAll()) events.push(JSON.stringify([e.streamName, String(e.revision), e.id, e.type, e.data, e.metadata]));
  const { rows } = await store.pool.query<{ stream_name: string; revision: string; last_hash: Buffer }>(
    'select stream_name, revision, last_hash from event_store.streams order by stream_name');
  const hashes = await store.pool.query<{ hash: Buffer }>('select hash from event_store.events order by transaction_id, sequence');
  return { events, streams: rows.map((r) => `${r.stream_name}@${r.revision}:${r.last_hash.toString('hex')}`), hashes: hashes.rows.map((r) => r.hash.toString('hex')) };
};

t.test('a year kept on disk restores as the store it was generated into', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'stored-year-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const key = { year: 2025, scale: 0.01, seed: 'stored' };
  t.equal(findStoredYear(dir, key), undefined, 'nothing stored yet');

  const generated = await storeOn(t, 'stored_year_generated');
  const summary = await generateYear({ store: generated, ...key });
  const stored = await saveStoredYear(generated.pool, dir, key, summary);
  t.equal(stored.events, summary.events, 'every event kept');
  t.strictSame(findStoredYear(dir, key)?.summary, summary, 'the summary kept beside them');
  t.equal(findStoredYear(dir, { ...key, seed: 'other' }), undefined, 'another seed is another year');

  const restored = await storeOn(t, 'stored_year_restored');
  await restoreStoredYear(restored.pool, dir, key);
  // $all shows a commit once every older transaction on the server has ended (the store's rule for every
  // append), and other tests' transactions share the server: wait for the restore to be seen whole.
  const after = await eventually(async () => {
    const seen = await contents(restored);
    return seen.events.length === summary.events ? seen : undefined;
  }, 30_000, 'the restored events in $all');
  const before = await eventually(async () => {
    const seen = await contents(generated);
    return seen.events.length === summary.events ? seen : undefined;
  }, 30_000, 'the generated events in $all');
  t.equal(after.events.length, summary.events);
  t.strictSame(after.events, before.events, 'the same events in the same order in $all');
  t.strictSame(after.streams, before.streams, 'the same streams at the same revisions and hashes');
  t.strictSame(after.hashes, before.hashes, 'every event keeps its hash');

  await t.rejects(restoreStoredYear(restored.pool, dir, key), /not empty/, 'only into an empty store');
  t.equal((await contents(restored)).events.length, summary.events, 'and nothing changed by the refusal');
});
