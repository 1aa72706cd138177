// The ceiling for any store on this server: a prepared single-row INSERT into a plain table (no
// index but the bigserial key), each its own transaction, from 16 clients.
import pg from 'pg';
import { CONCURRENCY, sampleData, streamFor } from './workload.js';

export interface InsertLimit {
  insert(n: number, loop: number): Promise<void>;
  close(): Promise<void>;
}

export async function openInsertLimit(connectionString: string): Promise<InsertLimit> {
  const clients = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      return client;
    }),
  );
  await clients[0]?.query(
    'create table if not exists bench_limit (id bigserial primary key, stream text not null, revision bigint not null, data jsonb not null)',
  );
  const data = JSON.stringify(sampleData(0));
  return {
    // One client per concurrent loop, as 16 separate connections would be.
    async insert(n, loop) {
      await clients[loop]?.query({
        name: 'bench_limit_insert',
        text: 'insert into bench_limit (stream, revision, data) values ($1, $2, $3)',
        values: [streamFor('limit', n), n, data],
      });
    },
    async close() {
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}
