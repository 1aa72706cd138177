import t from 'tap';
import pg from 'pg';
import { freshDatabase } from '../src/index.js';

t.test('a fresh database is empty, usable and private to the test', async (t) => {
  const url = await freshDatabase(t);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  t.teardown(() => client.end());
  const { rows } = await client.query<{ n: string }>(
    "select count(*)::text as n from information_schema.tables where table_schema = 'public'",
  );
  t.equal(rows[0]?.n, '0');
  await client.query('create table probe (id int)');
  const other = await freshDatabase(t);
  t.not(other, url, 'each call names a new database');
});
