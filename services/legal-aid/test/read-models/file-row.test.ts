// The files projection folds a batch's events of one file into its row at once (applyEventsToRow); a row
// must not depend on where the batches were cut. Every life of test/support/lives.ts (every event type
// at least once), cut into batches of every size and at every single point, against the row folded one
// event at a time, the row between batches going through what storing it does (jsonb and timestamptz
// read back), as the projection reads it back at the next batch.
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import t from 'tap';
import type { LegalAidEvent } from '../../src/domain/index.js';
import { applyEventsToRow, applyToRow, type RowContext, type RowEvent } from '../../src/read-models/file-row.js';
import type { LegalAidFileRow } from '../../src/read-models/tables.js';
import { custodyLife, deemedWithdrawnLife, notifiedLife, transferLife, withdrawnLife } from '../support/lives.js';

const calendar = createOfficialWorkingCalendar();
const lives = { custodyLife, transferLife, notifiedLife, deemedWithdrawnLife, withdrawnLife };

const DATES = ['transferred_at', 'transfer_received_at', 'received_at', 'next_due_at', 'approved_at', 'refused_at', 'withdrawn_at', 'deemed_withdrawn_at',
  'preliminary_aid_at', 'closed_at', 'quality_reviewed_at', 'updated_at'] as const;

/** The row as a SELECT * gives it back: jsonb as parsed objects, timestamptz as Dates, everything else as stored. */
function stored(row: LegalAidFileRow | undefined): LegalAidFileRow | undefined {
  if (!row) return undefined;
  const back = JSON.parse(JSON.stringify(row)) as Record<string, unknown>;
  for (const column of DATES) back[column] = back[column] === null ? null : new Date(back[column] as string);
  return back as unknown as LegalAidFileRow;
}

const recordedOf = (events: readonly LegalAidEvent[]): RowEvent[] =>
  events.map((event, i) => ({ event, revision: BigInt(i), recordedAt: new Date(Date.UTC(2025, 10, 3, 2) + i * 3_600_000) }));

function foldInBatches(events: readonly RowEvent[], cuts: readonly number[], context: RowContext): LegalAidFileRow | undefined {
  let row: LegalAidFileRow | undefined;
  let from = 0;
  for (const to of [...cuts, events.length]) {
    row = applyEventsToRow(stored(row), events.slice(from, to), context);
    from = to;
  }
  return row;
}

for (const [name, life] of Object.entries(lives)) {
  t.test(`${name}: the row is the same however its events are cut into batches`, async (t) => {
    const events = recordedOf(life());
    const context = { caseId: 'case-1', hashKey: 'test-identity-hash-key-0123456789abcdef', calendar };
    let oneByOne: LegalAidFileRow | undefined;
    for (const { event, revision, recordedAt } of events) oneByOne = applyToRow(stored(oneByOne), event, { ...context, revision, recordedAt });
    t.ok(oneByOne, 'the file has a row');
    const expected = stored(oneByOne);
    t.strictSame(stored(foldInBatches(events, [], context)), expected, 'all events in one batch');
    for (let size = 2; size < events.length; size += 1) {
      const cuts = Array.from({ length: Math.ceil(events.length / size) - 1 }, (_, i) => (i + 1) * size);
      t.strictSame(stored(foldInBatches(events, cuts, context)), expected, `batches of ${size}`);
    }
    for (let cut = 1; cut < events.length; cut += 1) {
      t.strictSame(stored(foldInBatches(events, [cut], context)), expected, `cut after event ${cut}`);
    }
  });
}
