// Verification against the full read, alone (no HTTP): a store of AUDIT_BENCH_EVENTS (default 200,000)
// events of the bench's shape, then readAll and verifyStore (main thread: parsed through readAll, and
// the events' text hashed as stored) alternately, three rounds,
// and what verifying costs per event beyond reading it, step by step, on events already read
// (canonical JSON of data and metadata, the hash). Run: node scripts/with-postgres.mjs tsx
// services/audit/bench/verify-profile.ts (add `$(which node) --cpu-prof --import tsx` to profile).
import { canonicalContent, chainHash, GENESIS_HASH, type RecordedEvent } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { forEachConcurrently, sampleData, sampleMetadata } from '@bureau/event-store/testing/bench';
import { storedEventsReader } from '../src/verification/stored-events.js';
import { verifyStore } from '../src/verification/verify-store.js';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL: run through scripts/with-postgres.mjs');
const TOTAL = Number(process.env.AUDIT_BENCH_EVENTS ?? 200_000);
const log = (line: string) => process.stderr.write(`${line}\n`);
const store = await createPostgresEventStore({ connectionString: databaseUrl, migrate: true });
const metadata = sampleMetadata();
await forEachConcurrently(Math.ceil(TOTAL / 100), async (s) => {
  const events = Array.from({ length: 100 }, (_, i) => ({ type: 'BenchEventRecorded', data: sampleData(s * 100 + i), metadata }));
  await store.appendToStream(`benchCase-${s}`, events, { expectedRevision: 'no_stream' });
}, 8);
log(`filled ${TOTAL.toLocaleString('en')}`);

const rate = async (name: string, run: () => Promise<number>) => {
  const started = performance.now();
  const n = await run();
  const perS = n / ((performance.now() - started) / 1000);
  log(`${name}: ${n.toLocaleString('en')} events at ${Math.round(perS).toLocaleString('en')}/s`);
  return perS;
};
const reads: number[] = [];
const verifies: number[] = [];
const verifiesStored: number[] = [];
const kept: RecordedEvent[] = [];
for await (const e of store.readAll({ maxCount: 50_000 })) kept.push(e);
for (let round = 0; round < 3; round += 1) {
  reads.push(await rate('readAll', async () => {
    let n = 0;
    for await (const _ of store.readAll()) n += 1;
    return n;
  }));
  verifies.push(await rate('verify, parsed (readAll)', async () => (await verifyStore(store, { threads: 0 })).events));
  verifiesStored.push(await rate('verify, as stored', async () => (await verifyStore(store, { storedEvents: storedEventsReader(store.pool) })).events));
}
// The steps on events already in memory.
const step = (name: string, f: (e: RecordedEvent) => unknown) => {
  const started = performance.now();
  for (const e of kept) f(e);
  log(`${name}: ${(((performance.now() - started) * 1000) / kept.length).toFixed(2)} µs/event`);
};
for (let round = 0; round < 2; round += 1) {
  step('canonical content', (e) => canonicalContent(e));
  step('JSON.stringify of data and metadata', (e) => JSON.stringify(e.data) + JSON.stringify(e.metadata));
  const content = kept.map((e) => canonicalContent(e));
  const started = performance.now();
  for (const c of content) chainHash(GENESIS_HASH, c);
  log(`chainHash: ${(((performance.now() - started) * 1000) / kept.length).toFixed(2)} µs/event`);
}
await store.close();
const best = (xs: number[]) => Math.max(...xs);
process.stdout.write(`${JSON.stringify({ read_all_events_per_s: Math.round(best(reads)), verify_events_per_s: Math.round(best(verifiesStored)), verify_vs_read: Number((best(verifiesStored) / best(reads)).toFixed(2)), verify_parsed_events_per_s: Math.round(best(verifies)), verify_parsed_vs_read: Number((best(verifies) / best(reads)).toFixed(2)) })}\n`);
