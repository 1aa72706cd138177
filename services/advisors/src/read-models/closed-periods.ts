// 关账: a month or year the statistician has closed for a district answers as it stood at the close. The
// ledger months are read as of the close's position in $all (the ledger projection replayed up to it:
// `queryAsOf`) and the figures computed from them as from the ledgers now; every number that differs now
// is listed as a restatement (path, as closed, now), never shown as a silently different number.
import { formatPosition, type EventStore } from '@bureau/event-store';
import { queryAsOf } from '@bureau/projections';
import { figuresOf, readPeriodCloses, restatedFigures, type Restated } from '@bureau/service-kit';
import type { Kysely } from 'kysely';
import { ledgerMonthsProjection } from './ledger-months-projection.js';
import type { LedgerMonthRow } from './ledger-queries.js';
import type { AdvisorsReadDatabase } from './tables.js';

export interface AsClosed<Body> {
  readonly body: Body;
  readonly closed: { readonly districtId: string; readonly closedAt: string; readonly position: string } | null;
  readonly restatements: Restated[];
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
}

export async function figuresAsClosed<Body>({ db, store, districtId, period, now, load, figures }: AsClosedInput<Body>): Promise<AsClosed<Body>> {
  const standing = figures(await load(db), now);
  const close = (await readPeriodCloses(store, [districtId], period)).get(districtId);
  if (!close) return { body: standing, closed: null, restatements: [] };
  const then = figures(await queryAsOf(db, store, ledgerMonthsProjection, close.position, (trx) => load(trx)), new Date(close.closedAt));
  return {
    body: then,
    closed: { districtId, closedAt: close.closedAt, position: formatPosition(close.position) },
    restatements: restatedFigures(figuresOf(then), figuresOf(standing)),
  };
}
