// 关账: a month or year the statistician has closed for a district answers as it stood at the close. The
// ledger months are read as of the close's position in $all (the ledger projection replayed up to it:
// `queryAsOf`) and the figures computed from them as from the ledgers now; every number that differs now
// is listed as a restatement (path, as closed, now, and the events recorded after the close that moved
// it), never shown as a silently different number. The events: the ledger months the figures read (as of
// the close or now) whose rows changed since, their later events applied on the replay as of the close one
// by one and the figures computed again (service-kit, periods/moved-by.ts); the caller's own ledgers only.
import { formatPosition, type EventStore } from '@bureau/event-store';
import { queryAsOf } from '@bureau/projections';
import { changedStreams, eventsThatMoved, figuresOf, readPeriodCloses, restatedFigures, withEvents, type Restatement, type RestatementPage } from '@bureau/service-kit';
import type { Kysely } from 'kysely';
import { advisorLedgerStreamName } from '../domain/index.js';
import { ledgerMonthsProjection } from './ledger-months-projection.js';
import type { LedgerMonthRow } from './ledger-queries.js';
import type { AdvisorsReadDatabase } from './tables.js';

export interface AsClosed<Body> {
  readonly body: Body;
  readonly closed: { readonly districtId: string; readonly closedAt: string; readonly position: string } | null;
  readonly restatements: Restatement[];
}

export interface AsClosedInput<Body> {
  readonly db: Kysely<AdvisorsReadDatabase>;
  readonly store: EventStore;
  readonly districtId: string;
  /** 'YYYY-MM' or 'YYYY', as the statistician closes it. */
  readonly period: string;
  readonly now: Date;
  /** The ledger months the figures are computed from. */
  readonly load: (db: Kysely<AdvisorsReadDatabase>) => Promise<LedgerMonthRow[]>;
  /** The figures from those months, judged at `at` (the close's time for a closed period). */
  readonly figures: (rows: LedgerMonthRow[], at: Date) => Body;
  /** Which restated figure's events to page, and the address of the next page. */
  readonly page: RestatementPage & { readonly link: (figure: string, after: string) => string };
}

/** The revisions of the ledger months `rows` names, by stream name. */
async function ledgerRevisions(db: Kysely<AdvisorsReadDatabase>, rows: readonly LedgerMonthRow[]): Promise<Map<string, bigint>> {
  const names = rows.map((r) => advisorLedgerStreamName(r.villageId, r.month));
  if (names.length === 0) return new Map();
  const found = await db.selectFrom('advisors_ledger_months').select(['stream_name', 'revision']).where('stream_name', 'in', names).execute();
  return new Map(found.map((r) => [r.stream_name, BigInt(r.revision)]));
}

export async function figuresAsClosed<Body>({ db, store, districtId, period, now, load, figures, page }: AsClosedInput<Body>): Promise<AsClosed<Body>> {
  const rowsNow = await load(db);
  const standing = figures(rowsNow, now);
  const close = (await readPeriodCloses(store, [districtId], period)).get(districtId);
  if (!close) return { body: standing, closed: null, restatements: [] };
  const closedAt = new Date(close.closedAt);
  const { then, moved } = await queryAsOf(db, store, ledgerMonthsProjection, close.position, async (trx) => {
    const rowsThen = await load(trx);
    const then = figures(rowsThen, closedAt);
    const [flatThen, flatNow] = [figuresOf(then), figuresOf(standing)];
    const restated = new Set(Object.keys({ ...flatThen, ...flatNow }).filter((k) => (flatThen[k] ?? null) !== (flatNow[k] ?? null)));
    // Only when something moved: the ledger months whose rows changed since (as of the close, and now).
    const streams = restated.size === 0 ? [] : changedStreams(await ledgerRevisions(trx, rowsThen), await ledgerRevisions(db, rowsNow));
    const count = async (t: Kysely<AdvisorsReadDatabase>) => figuresOf(figures(await load(t), closedAt));
    return { then, moved: await eventsThatMoved({ trx, store, projection: ledgerMonthsProjection, close: close.position, streams, figures: count, restated }) };
  });
  return {
    body: then,
    closed: { districtId, closedAt: close.closedAt, position: formatPosition(close.position) },
    restatements: withEvents(restatedFigures(figuresOf(then), figuresOf(standing)), moved, page, page.link),
  };
}
