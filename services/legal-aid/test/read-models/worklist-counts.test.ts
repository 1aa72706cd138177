// 工作清单's counts kept by the files projection (worklist-counts.ts) against a count of the worklist's rows
// they stand for, on a real PostgreSQL: after every event of every life of test/support/lives.ts (every
// event type at least once: received, transferred and received, materials asked for and supplied,
// withdrawn, deemed withdrawn, refused, terminated and reinstated, closed, a notified case), the lives'
// events interleaved, one event a batch; after a batch that fails half-way (a crash between batches:
// its transaction rolls back, the batch is read again); and after a rebuild (all events in one batch
// into new tables). Each organisation's list, its filters, and a reach of several organisations.
import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@bureau/event-store';
import { freshDatabase } from '@bureau/testing';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import type { LegalAidEvent } from '../../src/domain/index.js';
import { legalAidEvents } from '../../src/events/application-events.js';
import { filesProjectionOf } from '../../src/read-models/files-projection.js';
import type { LegalAidReadDatabase } from '../../src/read-models/tables.js';
import { countWorklist, listWorklist, type WorklistFilter } from '../../src/read-models/worklist.js';
import { custodyLife, deemedWithdrawnLife, notifiedLife, transferLife, withdrawnLife } from '../support/lives.js';

const projection = filesProjectionOf('test-identity-hash-key-0123456789abcdef', () => createOfficialWorkingCalendar());
const lives = { custodyLife, transferLife, notifiedLife, deemedWithdrawnLife, withdrawnLife };
const envelope = { correlationId: 'test', causationId: 'test', actor: { id: 'test', role: 'station_clerk', organisation: 'test' }, occurredAt: '2025-11-03T02:00:00.000Z' };

/** The lives' events as the store gives them back, interleaved (one of each life in turn). */
function interleavedEvents(): RecordedEvent[] {
  const streams = Object.entries(lives).map(([name, life]) =>
    life().map((event: LegalAidEvent, revision) => {
      const append = legalAidEvents.toAppend(event, { id: randomUUID(), envelope });
      return { ...append, data: JSON.parse(JSON.stringify(append.data)), streamName: `legalAidCase-${name}`, revision: BigInt(revision) };
    }));
  const events: RecordedEvent[] = [];
  for (let i = 0; streams.some((s) => i < s.length); i += 1) {
    for (const stream of streams) {
      const e = stream[i];
      if (e) events.push({ ...e, position: { commit: BigInt(events.length + 1), prepare: BigInt(events.length + 1) }, recordedAt: new Date(Date.UTC(2025, 10, 3, 2) + events.length * 60_000), hash: '' } as RecordedEvent);
    }
  }
  return events;
}

const tablesNamed = (suffix: string) => ({
  legal_aid_files: `legal_aid_files${suffix}`, legal_aid_numbers: `legal_aid_numbers${suffix}`, legal_aid_worklist: `legal_aid_worklist${suffix}`,
  legal_aid_worklist_counts: `legal_aid_worklist_counts${suffix}`, legal_aid_figures: `legal_aid_figures${suffix}`,
});

t.test('the kept counts equal a count of the worklist\'s rows after every event, a crash and a rebuild', async (t) => {
  const pool = new pg.Pool({ connectionString: await freshDatabase(t, 'la_counts'), max: 2 });
  const db = new Kysely<LegalAidReadDatabase>({ dialect: new PostgresDialect({ pool }) });
  t.teardown(() => db.destroy());
  const live = tablesNamed('');
  await db.transaction().execute((trx) => projection.migrate(trx, live));
  const events = interleavedEvents();

  /** Every organisation's list, each filter kept, and reaches of several: the kept count against the rows counted. */
  const agree = async (when: string) => {
    const { rows: organisations } = await sql<{ organisation: string }>`SELECT DISTINCT organisation FROM legal_aid_worklist ORDER BY 1`.execute(db);
    const names = organisations.map((o) => o.organisation);
    for (const organisation of [...names, 'nobody']) {
      for (const [waitingForMaterials, transferredIn] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const { rows: [counted] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_aid_worklist WHERE organisation = ${organisation}
          AND (${!waitingForMaterials} OR status = 'awaiting_materials') AND (${!transferredIn} OR (transfer_received_at IS NOT NULL AND holder_office = transferred_to))`.execute(db);
        const kept = await countWorklist(db, { now: new Date(), reach: [organisation], waitingForMaterials, transferredIn });
        if (kept !== counted?.n) t.fail(`${when}: ${organisation} (materials ${waitingForMaterials}, transferred in ${transferredIn}): kept ${kept}, rows ${counted?.n}`);
      }
      // Asked by organisationId from a reach that does not hold it: only the files the reach also has work on.
      const other = names.find((n) => n !== organisation) ?? 'nobody';
      const { rows: [both] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_aid_worklist WHERE organisation = ${organisation} AND worklist_orgs && ${[other]}::text[]`.execute(db);
      const kept = await countWorklist(db, { now: new Date(), reach: [other], organisationId: organisation });
      if (kept !== both?.n) t.fail(`${when}: ${organisation} seen from ${other}: kept ${kept}, rows ${both?.n}`);
    }
    for (const reach of [names, names.slice(0, 2), null]) {
      const { rows: [counted] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM legal_aid_worklist WHERE place = 1 AND (${reach === null} OR worklist_orgs && ${reach ?? []}::text[])`.execute(db);
      const kept = await countWorklist(db, { now: new Date(), reach });
      if (kept !== counted?.n) t.fail(`${when}: reach ${JSON.stringify(reach)}: kept ${kept}, rows ${counted?.n}`);
    }
  };
  /**
   * Every filter of every kind of list, through the page by deadline (its statement built once per
   * shape): the page holds what the rows hold, and its count is the page's length.
   */
  const everyList = async (when: string) => {
    const { rows: organisations } = await sql<{ organisation: string }>`SELECT DISTINCT organisation FROM legal_aid_worklist ORDER BY 1`.execute(db);
    const names = organisations.map((o) => o.organisation);
    const lists: Pick<WorklistFilter, 'reach' | 'organisationId'>[] = [
      ...names.map((o) => ({ reach: [o] })), { reach: names.slice(0, 1), organisationId: names[1] }, { reach: names }, { reach: null },
    ];
    const now = new Date(Date.UTC(2025, 10, 20, 2));
    let shapes = 0;
    for (const list of lists) {
      for (const waitingForMaterials of [undefined, true]) {
        for (const transferredIn of [undefined, true]) {
          for (const overdue of [undefined, true, false]) {
            for (const dueToday of [undefined, true, false]) {
              const filter = { ...list, now, waitingForMaterials, transferredIn, overdue, dueToday };
              const page = await listWorklist(db, pool, filter, { sort: 'nextDueAt', direction: 'asc', asOf: now }, { sort: 'nextDueAt', cursor: undefined, limit: 500, asOf: now.toISOString() });
              const counted = await countWorklist(db, filter);
              if (page.total !== page.rows.length || counted !== page.total) t.fail(`${when}: ${JSON.stringify(filter)}: ${page.rows.length} rows, total ${page.total}, counted ${counted}`);
              shapes += 1;
            }
          }
        }
      }
    }
    t.pass(`${when}: ${shapes} lists, each page its count`);
  };
  const keptRows = async (suffix: string) =>
    (await sql<{ k: string }>`SELECT array_to_string(worklist_orgs, ',') || ' ' || awaiting_materials || ' ' || transferred_in || ' ' || n AS k
      FROM ${sql.table(`legal_aid_worklist_counts${suffix}`)} WHERE n <> 0 ORDER BY 1`.execute(db)).rows.map((r) => r.k);

  // The kept counts after each event (after[k]: after the first k events).
  const after: string[][] = [await keptRows('')];
  let seen = new Set<string>();
  for (const [i, event] of events.entries()) {
    await db.transaction().execute((trx) => projection.handle(trx, [event], live));
    await agree(`after event ${i + 1} (${event.type})`);
    if (i + 1 === Math.floor(events.length / 2)) await everyList(`after event ${i + 1}`);
    after.push(await keptRows(''));
    const { rows } = await sql<{ k: string }>`SELECT organisation || ':' || case_id AS k FROM legal_aid_worklist`.execute(db);
    seen = new Set([...seen, ...rows.map((r) => r.k)]);
  }
  t.ok(seen.size >= 7, `the lives put files in ${seen.size} lists along the way`);
  t.same(after.at(-1), [], 'and took every one off its lists as it ended');
  t.pass('every list\'s kept count agreed with its rows after every event');
  const half = Math.floor(events.length / 2);
  t.ok((after[half] ?? []).length > 1, 'half-way, files are open in several lists');

  t.test('a crash between batches: the batch rolls back whole, its counts with it, and is applied again', async (t) => {
    const crash = tablesNamed('_crash');
    await db.transaction().execute((trx) => projection.migrate(trx, crash));
    await db.transaction().execute((trx) => projection.handle(trx, events.slice(0, half), crash));
    await t.rejects(db.transaction().execute(async (trx) => {
      await projection.handle(trx, events.slice(half), crash);
      throw new Error('the process died before the commit');
    }));
    t.same(await keptRows('_crash'), after[half], 'after the crash: the counts of the batches committed');
    await db.transaction().execute((trx) => projection.handle(trx, events.slice(half), crash));
    t.same(await keptRows('_crash'), after.at(-1), 'the batch again: the same counts as one event at a time');
  });

  t.test('a rebuild: the events up to any point in one batch into new tables count the same', async (t) => {
    for (const k of [Math.floor(events.length / 4), half, Math.floor((3 * events.length) / 4), events.length]) {
      const rebuilt = tablesNamed(`_rebuilt_${k}`);
      await db.transaction().execute((trx) => projection.migrate(trx, rebuilt));
      await db.transaction().execute((trx) => projection.handle(trx, events.slice(0, k), rebuilt));
      t.same(await keptRows(`_rebuilt_${k}`), after[k], `the first ${k} events: the same counts as one event at a time`);
    }
  });
});
