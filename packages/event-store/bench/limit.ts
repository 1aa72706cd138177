// The ceiling for any store on this server: a prepared single-row INSERT into a plain table (no
// index but the bigserial key), each its own transaction, from 16 clients.
import pg from 'pg';
import { CONCURRENCY, type PhaseResult, runFor, sampleData, streamFor } from './workload.js';

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
      await clients[loop]?.query({
        name: 'bench_limit_insert',
        text: 'insert into bench_limit (stream, revision, data) values ($1, $2, $3)',
        values: [streamFor('limit', n), n, data],
      });
    });
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}
