// The peer: Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) on the same workload.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { CONCURRENCY, forEachConcurrently, sampleData, sampleMetadata, STREAMS, streamFor } from './workload.js';

const noted = (n: number) => ({ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() });

export interface EmmettWorkload {
  append(n: number): Promise<unknown>;
  append10(n: number): Promise<unknown>;
  /** Writes the read set (1,000 streams of 10 events) before the clock starts. */
  prepareReads(): Promise<void>;
  readStream(n: number): Promise<void>;
  close(): Promise<void>;
}

export async function openEmmett(connectionString: string): Promise<EmmettWorkload> {
  // The same pool size as our store gets.
  const pool = new pg.Pool({ connectionString, max: CONCURRENCY });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  await store.schema.migrate();
  return {
    append: (n) => store.appendToStream(streamFor('emmett-order', n), [noted(n)]),
    append10: (n) => store.appendToStream(streamFor('emmett-batch', n), Array.from({ length: 10 }, (_, i) => noted(n * 10 + i))),
    prepareReads: () => forEachConcurrently(STREAMS, (n) => store.appendToStream(`emmett-read-${n}`, Array.from({ length: 10 }, (_, i) => noted(i)))),
    async readStream(n) {
      const { events } = await store.readStream(`emmett-read-${n % STREAMS}`);
      if (events.length !== 10) throw new Error(`emmett read ${events.length} events, expected 10`);
    },
    async close() {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
