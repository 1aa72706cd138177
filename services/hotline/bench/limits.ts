// The foundation's ceiling, measured in the same run as the endpoints with the event store's own bench
// code (packages/event-store/bench): 1-event appends to 1,000 streams from 16 concurrent clients, and
// the raw limit of a prepared single-row INSERT from 16 clients.
import { CONCURRENCY, openInsertLimit, runFor, sampleData, sampleMetadata, streamFor, type PhaseResult } from '@bureau/event-store/testing/bench';
import { createPostgresEventStore } from '@bureau/event-store/postgres';

export { CONCURRENCY, type PhaseResult };

/** 1-event appends of the PostgreSQL event store, 1,000 streams, 16 concurrent clients. */
export async function measureAppendLimit(connectionString: string, seconds: number, prefix: string): Promise<PhaseResult> {
  const store = await createPostgresEventStore({ connectionString, poolSize: CONCURRENCY });
  try {
    return await runFor(seconds, (n) => store.appendToStream(streamFor(prefix, n), [{ type: 'WorkOrderNoted', data: sampleData(n), metadata: sampleMetadata() }]));
  } finally {
    await store.close();
  }
}

/** A prepared single-row INSERT into a plain table, each its own transaction, 16 clients. */
export async function measureInsertLimit(connectionString: string, seconds: number): Promise<PhaseResult> {
  const limit = await openInsertLimit(connectionString);
  try {
    return await runFor(seconds, (n, loop) => limit.insert(n, loop));
  } finally {
    await limit.close();
  }
}
