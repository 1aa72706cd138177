// The foundation's ceiling, measured in the same run as the endpoints, mirroring the event store's own
// bench (packages/event-store/bench): 1-event appends to 1,000 streams from 16 concurrent clients, and
// the raw limit of a prepared single-row INSERT from 16 clients.
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import pg from 'pg';

export const CONCURRENCY = 16;
const STREAMS = 1000;

export interface PhaseResult {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Runs `operation(n, loop)` with n = 0, 1, 2… from `concurrency` loops until `seconds` have passed. */
export async function runFor(seconds: number, operation: (n: number, loop: number) => Promise<unknown>, concurrency = CONCURRENCY): Promise<PhaseResult> {
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (Date.now() < deadline) {
        await operation(next++, loop);
        done += 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { operations: done, seconds: elapsed, perSecond: done / elapsed };
}

const sampleData = (n: number) => ({ workOrderId: `WO-${n}`, category: 'consultation', handler: 'centre-01', note: `handling note ${n} `.padEnd(120, '.'), dueInWorkingDays: 2 });
const sampleMetadata = () => ({
  correlationId: randomUUID(),
  causationId: randomUUID(),
  actor: { id: 'clerk-7', role: 'intake_clerk', organisation: 'district-centre' },
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
});

/** 1-event appends of the PostgreSQL event store, 1,000 streams, 16 concurrent clients. */
export async function measureAppendLimit(connectionString: string, seconds: number, prefix: string): Promise<PhaseResult> {
  const store = await createPostgresEventStore({ connectionString, poolSize: CONCURRENCY });
  try {
    return await runFor(seconds, (n) => store.appendToStream(`${prefix}-${n % STREAMS}`, [{ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() }]));
  } finally {
    await store.close();
  }
}

/** A prepared single-row INSERT into a plain table, each its own transaction, 16 clients. */
export async function measureInsertLimit(connectionString: string, seconds: number): Promise<PhaseResult> {
  const setup = new pg.Client({ connectionString });
  await setup.connect();
  await setup.query('create table if not exists bench_limit (id bigserial primary key, stream text not null, revision bigint not null, data jsonb not null)');
  await setup.end();
  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      return client;
    }),
  );
  const data = JSON.stringify(sampleData(0));
  try {
    return await runFor(seconds, async (n, loop) => {
      await clients[loop]?.query({ name: 'bench_limit_insert', text: 'insert into bench_limit (stream, revision, data) values ($1, $2, $3)', values: [`limit-${n % STREAMS}`, n, data] });
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
