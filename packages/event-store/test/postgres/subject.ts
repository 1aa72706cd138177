// The PostgreSQL adapter as a contract subject: appends held open in a real transaction, and tampering
// by a direct UPDATE. The race harness opens its stores the same way, with a pool size and group commit
// of its own.
import type { ContractSubject } from '../contract/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';

export interface PostgresSubjectOptions {
  readonly poolSize?: number;
  /** On, with the store's defaults, unless false. */
  readonly groupCommit?: boolean;
}

export async function makePostgresSubject(
  connectionString: string,
  // Room for 16 writers holding transactions open, plus readers and the subscriber.
  { poolSize = 24, groupCommit = true }: PostgresSubjectOptions = {},
): Promise<ContractSubject & { store: Awaited<ReturnType<typeof createPostgresEventStore>> }> {
  const store = await createPostgresEventStore({ connectionString, poolSize, groupCommit: groupCommit ? {} : false });
  return {
    store,
    concurrentRetryWritesOnce: true,
    async appendHeldOpen(streamName, events, holdMs) {
      // As any caller's transaction must: retried when PostgreSQL refuses it with a serialization
      // failure, here the stream-order guard (its id was taken before another append to the stream).
      for (let attempt = 1; ; attempt += 1) {
        const client = await store.pool.connect();
        try {
          await client.query('begin');
          const result = await store.appendToStreamInTransaction(client, streamName, events, { expectedRevision: 'any' });
          await new Promise((resolve) => setTimeout(resolve, holdMs));
          await client.query('commit');
          return result;
        } catch (error) {
          await client.query('rollback').catch(() => undefined);
          if (!(error instanceof Error && 'code' in error && error.code === '40001' && attempt < 10)) throw error;
        } finally {
          client.release();
        }
      }
    },
    async tamper(streamName, revision) {
      await store.pool.query(
        `update event_store.events set data = json_build_object('tampered', data) where stream_name = $1 and revision = $2`,
        [streamName, revision.toString()],
      );
    },
    close: () => store.close(),
  };
}
