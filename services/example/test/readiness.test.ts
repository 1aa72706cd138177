import t from 'tap';
import pg from 'pg';
import { adminUrl } from '@bureau/testing';
import { noticeBoardFixture } from './fixtures.js';

t.test('given the database goes away, then /readyz answers 503 problem+json and /healthz still 200', async (t) => {
  const { app, databaseUrl } = await noticeBoardFixture(t);
  t.equal((await app.inject({ method: 'GET', url: '/readyz' })).statusCode, 200);

  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE ${new URL(databaseUrl).pathname.slice(1)} WITH (FORCE)`);
  await admin.end();

  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.match(ready.headers['content-type'], 'application/problem+json');
  t.match(ready.json(), { status: 503, checks: { database: 'down', eventStore: 'down' } });
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
});
