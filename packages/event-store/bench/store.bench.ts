// `pnpm bench:store`: this store against the raw-insert limit and against Emmett, in one process, on
// one PostgreSQL (scripts/with-postgres.mjs starts a durable one and sets DATABASE_URL). Prints a
// table, then one JSON line. BENCH_SECONDS sets each timed phase's length (default 8).
import { createPostgresEventStore } from '../src/postgres/index.js';
import { measureEmmett } from './emmett.js';
import { measureInsertLimit } from './limit.js';
import { CONCURRENCY, forEachConcurrently, type PhaseResult, runFor, sampleData, sampleMetadata, STREAMS, streamFor } from './workload.js';

const connectionString = process.env.DATABASE_URL;
if (!connectionString) throw new Error('DATABASE_URL is not set: run through `pnpm bench:store`');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);

const noted = (n: number) => ({ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() });

const limitBefore = await measureInsertLimit(connectionString, seconds);

const store = await createPostgresEventStore({ connectionString, poolSize: CONCURRENCY });
const append = await runFor(seconds, (n) => store.appendToStream(streamFor('order', n), [noted(n)]));
const append10 = await runFor(seconds, (n) => store.appendToStream(streamFor('batch', n), Array.from({ length: 10 }, (_, i) => noted(n * 10 + i))));
await forEachConcurrently(STREAMS, (n) => store.appendToStream(`read-${n}`, Array.from({ length: 10 }, (_, i) => noted(i))));
const readStream = await runFor(seconds, async (n) => {
  let count = 0;
  for await (const _ of store.readStream(`read-${n % STREAMS}`)) count += 1;
  if (count !== 10) throw new Error(`read ${count} events, expected 10`);
});
const readAllStarted = process.hrtime.bigint();
let allEvents = 0;
for await (const _ of store.readAll()) allEvents += 1;
const readAllSeconds = Number(process.hrtime.bigint() - readAllStarted) / 1e9;
await store.close();

const emmett = await measureEmmett(connectionString, seconds);
const limitAfter = await measureInsertLimit(connectionString, seconds);
// The limit is measured before and after the rest, and averaged, so drift in the machine's disk or
// caches over the run does not favour either side.
const limit = (limitBefore.perSecond + limitAfter.perSecond) / 2;

const round = (x: number, digits = 0): number => Number(x.toFixed(digits));
const rows: Array<[string, PhaseResult | undefined, string]> = [
  ['limit: prepared INSERT, 16 clients (before)', limitBefore, 'rows/s'],
  ['limit: prepared INSERT, 16 clients (after)', limitAfter, 'rows/s'],
  ['store: append 1 event, 16 concurrent', append, 'appends/s'],
  ['store: append 10 events, 16 concurrent', append10, 'appends/s'],
  ['store: read a 10-event stream, 16 concurrent', readStream, 'streams/s'],
  ['emmett: append 1 event, 16 concurrent', emmett.append, 'appends/s'],
  ['emmett: append 10 events, 16 concurrent', emmett.append10, 'appends/s'],
  ['emmett: read a 10-event stream, 16 concurrent', emmett.readStream, 'streams/s'],
];
console.log(`PostgreSQL event store benchmark (${seconds} s per phase, ${STREAMS} streams)`);
console.log(`${'phase'.padEnd(48)}${'ops'.padStart(9)}${'rate'.padStart(12)}  unit`);
for (const [name, r, unit] of rows) {
  if (r) console.log(`${name.padEnd(48)}${String(r.operations).padStart(9)}${round(r.perSecond).toString().padStart(12)}  ${unit}`);
}
console.log(`${'store: full readAll'.padEnd(48)}${String(allEvents).padStart(9)}${round(allEvents / readAllSeconds).toString().padStart(12)}  events/s`);

const summary = {
  limit_insert_per_s: round(limit),
  append_per_s: round(append.perSecond),
  append10_per_s: round(append10.perSecond),
  append10_events_per_s: round(append10.perSecond * 10),
  read_stream_per_s: round(readStream.perSecond),
  read_all_events_per_s: round(allEvents / readAllSeconds),
  read_all_events: allEvents,
  emmett_append_per_s: round(emmett.append.perSecond),
  emmett_append10_events_per_s: round(emmett.append10.perSecond * 10),
  emmett_read_stream_per_s: round(emmett.readStream.perSecond),
  append_vs_limit: round(append.perSecond / limit, 2),
  append_vs_emmett: round(append.perSecond / emmett.append.perSecond, 2),
  append10_vs_emmett: round(append10.perSecond / emmett.append10.perSecond, 2),
  read_stream_vs_emmett: round(readStream.perSecond / emmett.readStream.perSecond, 2),
};
console.log(JSON.stringify(summary));
