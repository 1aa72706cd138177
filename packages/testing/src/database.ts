import { randomBytes } from 'node:crypto';
import pg from 'pg';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The server `npm test` started (scripts/test.mjs sets TEST_PG_URL). */
export function adminUrl(): string {
  const url = process.env.TEST_PG_URL;
  if (!url) throw new Error('TEST_PG_URL is not set: run tests with `npm test` (it starts an embedded PostgreSQL)');
  return url;
}

/**
 * Waits (at most `ms`) until nobody is connected to the database. A pool's end() resolves once it has
 * asked its idle connections to close, not once they have: DROP … WITH (FORCE) right after it could
 * terminate a connection still on its way out, and the FATAL reaching that client surfaces as an
 * uncaught error in the test that owned the pool (seen once in CI, outbox/claim-batching). FORCE is
 * then left for connections a test really left open.
 */
async function untilDisconnected(admin: pg.Client, database: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [database]);
    if (rows[0]?.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Creates an empty database for one test file and drops it at teardown, so test files can run
 * in parallel against one server without seeing each other's rows.
 */
export async function freshDatabase(t: Teardown, prefix = 't'): Promise<string> {
  const admin = adminUrl();
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  t.teardown(async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    await untilDisconnected(c, name, 1_000);
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
