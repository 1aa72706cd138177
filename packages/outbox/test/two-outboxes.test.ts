// Two services' outboxes in one database never share a row: each has its own table (and migration
// table), its own reactor checkpoint, and delivers only its own messages, even when both queue a
// message for the same event (same idempotency key).
import { freshDatabase } from '@bureau/testing';
import { sql } from 'kysely';
import t from 'tap';
import { LibraryNetwork, eventually, startLibraryService } from './support/library-service.js';

t.test('given two outboxes in one database reacting to the same events, then each delivers its own copy once and touches no other row', async (t) => {
  const databaseUrl = await freshDatabase(t, 'library');
  const lending = new LibraryNetwork();
  const archive = new LibraryNetwork();
  // The archive refuses everything: its dead letters must not hold or touch the lending outbox's rows.
  archive.answer = () => ({ kind: 'refused', status: 400, error: 'http 400' });
  const a = await startLibraryService(t, databaseUrl, lending, { table: 'lending_outbox', projection: 'lending_outbox', routes: false });
  const b = await startLibraryService(t, databaseUrl, archive, { table: 'archive_outbox', projection: 'archive_outbox', routes: false });
  await a.record('L1', 'LoanOpened');
  await a.record('L1', 'LoanReturned');
  await eventually(() => lending.calls.length === 2 && archive.calls.length === 1, 10_000, 'both outboxes to react');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.same(lending.calls.map((c) => c.kind), ['loan-opened', 'loan-returned'], 'the lending outbox delivers both');
  t.same(archive.calls.map((c) => c.kind), ['loan-opened'], 'the archive outbox holds its return behind its own dead letter');
  t.same(lending.calls.map((c) => c.idempotencyKey), [archive.calls[0]?.idempotencyKey, lending.calls[1]?.idempotencyKey], 'same event, same key, in both');
  const rows = async (table: string) => (await sql<{ status: string }>`SELECT status FROM ${sql.table(table)} ORDER BY seq`.execute(a.outbox.db)).rows.map((r) => r.status);
  t.same(await rows('lending_outbox'), ['delivered', 'delivered']);
  t.same(await rows('archive_outbox'), ['dead', 'held'], 'its return is held: owed, out of the due index');
  const migrations = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE tablename LIKE '%outbox_migration' ORDER BY tablename`.execute(b.outbox.db);
  t.same(migrations.rows.map((r) => r.tablename), ['archive_outbox_migration', 'lending_outbox_migration'], 'each table has its own migration history');
});

t.test('a table name that is not a plain identifier is refused at start', async (t) => {
  const databaseUrl = await freshDatabase(t, 'library');
  await t.rejects(startLibraryService(t, databaseUrl, new LibraryNetwork(), { table: 'outbox; DROP TABLE x' }), /lower_snake_case/);
});
