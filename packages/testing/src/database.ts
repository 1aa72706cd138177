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
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
