// The peer: Emmett's PostgreSQL event store (@event-driven-io/emmett-postgresql) on the same workload.
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import pg from 'pg';
import { CONCURRENCY, forEachConcurrently, type PhaseResult, runFor, sampleData, sampleMetadata, STREAMS, streamFor } from './workload.js';

export interface EmmettResults {
  readonly append: PhaseResult;
  readonly append10: PhaseResult;
  readonly readStream: PhaseResult;
}

const noted = (n: number) => ({ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() });

export async function measureEmmett(connectionString: string, seconds: number): Promise<EmmettResults> {
  // Same pool size as our store gets.
  const pool = new pg.Pool({ connectionString, max: CONCURRENCY });
  const store = getPostgreSQLEventStore(connectionString, { connectionOptions: { pool } });
  try {
    await store.schema.migrate();
    const append = await runFor(seconds, (n) => store.appendToStream(streamFor('emmett-order', n), [noted(n)]));
    const append10 = await runFor(seconds, (n) => store.appendToStream(streamFor('emmett-batch', n), Array.from({ length: 10 }, (_, i) => noted(n * 10 + i))));
    // Read set: 1,000 streams of 10 events, written before the clock starts.
    await forEachConcurrently(STREAMS, (n) => store.appendToStream(`emmett-read-${n}`, Array.from({ length: 10 }, (_, i) => noted(i))));
    const readStream = await runFor(seconds, async (n) => {
      const { events } = await store.readStream(`emmett-read-${n % STREAMS}`);
      if (events.length !== 10) throw new Error(`emmett read ${events.length} events, expected 10`);
    });
    return { append, append10, readStream };
  } finally {
    await store.close();
    await pool.end().catch(() => undefined);
  }
}
