// `pnpm bench:store`: this store against the raw-insert limit and against Emmett, in one process, on
// one PostgreSQL (scripts/with-postgres.mjs starts a durable one and sets DATABASE_URL). Prints a
// table, then one JSON line. BENCH_SECONDS sets each contender's time per workload (default 8),
// spent in BENCH_ROUNDS turns (default 4) taken in rotation with the other contenders.
import { createPostgresEventStore } from '../src/postgres/index.js';
import { openEmmett } from './emmett.js';
import { openInsertLimit } from './limit.js';
import { CONCURRENCY, forEachConcurrently, interleaved, type PhaseResult, sampleData, sampleMetadata, STREAMS, streamFor } from './workload.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set: run through `pnpm bench:store`');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);

const noted = (n: number) => ({ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() });
const tenNoted = (n: number) => Array.from({ length: 10 }, (_, i) => noted(n * 10 + i));

const limit = await openInsertLimit(connectionString);
const store = await createPostgresEventStore({ connectionString, poolSize: CONCURRENCY });
const emmett = await openEmmett(connectionString);

const appends = await interleaved(seconds, rounds, {
  limit: (n, loop) => limit.insert(n, loop),
  store: (n) => store.appendToStream(streamFor('order', n), [noted(n)]),
  emmett: (n) => emmett.append(n),
});
const appends10 = await interleaved(seconds, rounds, {
  store: (n) => store.appendToStream(streamFor('batch', n), tenNoted(n)),
  emmett: (n) => emmett.append10(n),
});

// Read set: 1,000 streams of 10 events in each store, written before the clock starts. Then, for both
// stores alike: a VACUUM ANALYZE (the write phases left hundreds of thousands of new rows, and
// autovacuum would otherwise start on them at some moment inside the read turns) and one untimed read
// of every stream (the first read of a fresh row sets its hint bits, as any later reader would find
// done), so the timed turns measure reads, not clean-up after the writes.
await forEachConcurrently(STREAMS, (n) => store.appendToStream(`read-${n}`, tenNoted(n)));
await emmett.prepareReads();
await store.pool.query('VACUUM ANALYZE');
await forEachConcurrently(STREAMS, async (n) => {
  for await (const _ of store.readStream(`read-${n}`));
  await emmett.readStream(n);
});
const reads = await interleaved(seconds, rounds, {
  store: async (n) => {
    let count = 0;
    for await (const _ of store.readStream(`read-${n % STREAMS}`)) count += 1;
    if (count !== 10) throw new Error(`read ${count} events, expected 10`);
  },
  emmett: (n) => emmett.readStream(n),
});

// Full read of every event in the store: one untimed pass first (the first read of freshly written
// rows sets their hint bits, as autovacuum would have long before a real rebuild reads them), then
// three timed passes; the median counts.
const fullReads: Array<{ events: number; perSecond: number }> = [];
for (let i = 0; i < 4; i += 1) {
  const started = process.hrtime.bigint();
  let events = 0;
  for await (const _ of store.readAll()) events += 1;
  if (i > 0) fullReads.push({ events, perSecond: events / (Number(process.hrtime.bigint() - started) / 1e9) });
}
const readAll = [...fullReads].sort((a, b) => a.perSecond - b.perSecond)[1] ?? { events: 0, perSecond: 0 };

await Promise.all([store.close(), emmett.close(), limit.close()]);

const need = (r: PhaseResult | undefined): PhaseResult => {
  if (r === undefined) throw new Error('a contender did not run');
  return r;
};
const result = {
  limit: need(appends.limit),
  append: need(appends.store),
  emmettAppend: need(appends.emmett),
  append10: need(appends10.store),
  emmettAppend10: need(appends10.emmett),
  readStream: need(reads.store),
  emmettReadStream: need(reads.emmett),
};

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));
const rows: Array<[string, PhaseResult, string]> = [
  ['limit: prepared INSERT, 16 clients', result.limit, 'rows/s'],
  ['store: append 1 event, 16 concurrent', result.append, 'appends/s'],
  ['emmett: append 1 event, 16 concurrent', result.emmettAppend, 'appends/s'],
  ['store: append 10 events, 16 concurrent', result.append10, 'appends/s'],
  ['emmett: append 10 events, 16 concurrent', result.emmettAppend10, 'appends/s'],
  ['store: read a 10-event stream, 16 concurrent', result.readStream, 'streams/s'],
  ['emmett: read a 10-event stream, 16 concurrent', result.emmettReadStream, 'streams/s'],
];
console.log(`PostgreSQL event store benchmark: ${seconds} s per contender and workload in ${rounds} interleaved turns; ${STREAMS} streams`);
console.log(`${'workload'.padEnd(48)}${'ops'.padStart(9)}${'rate'.padStart(12)}  unit`);
for (const [name, r, unit] of rows) {
  console.log(`${name.padEnd(48)}${String(r.operations).padStart(9)}${round(r.perSecond).toString().padStart(12)}  ${unit}`);
}
console.log(`${'store: full readAll (median of 3)'.padEnd(48)}${String(readAll.events).padStart(9)}${round(readAll.perSecond).toString().padStart(12)}  events/s`);
console.log(`${'  (the three passes)'.padEnd(48)}${''.padStart(9)}${fullReads.map((r) => round(r.perSecond)).join(' / ').padStart(12)}`);

console.log(
  JSON.stringify({
    limit_insert_per_s: round(result.limit.perSecond),
    append_per_s: round(result.append.perSecond),
    append10_per_s: round(result.append10.perSecond),
    append10_events_per_s: round(result.append10.perSecond * 10),
    read_stream_per_s: round(result.readStream.perSecond),
    read_all_events_per_s: round(readAll.perSecond),
    read_all_events: readAll.events,
    emmett_append_per_s: round(result.emmettAppend.perSecond),
    emmett_append10_events_per_s: round(result.emmettAppend10.perSecond * 10),
    emmett_read_stream_per_s: round(result.emmettReadStream.perSecond),
    append_vs_limit: round(result.append.perSecond / result.limit.perSecond, 2),
    append_vs_emmett: round(result.append.perSecond / result.emmettAppend.perSecond, 2),
    append10_vs_emmett: round(result.append10.perSecond / result.emmettAppend10.perSecond, 2),
    read_stream_vs_emmett: round(result.readStream.perSecond / result.emmettReadStream.perSecond, 2),
  }),
);
