// How many events the store holds, for a verification's progress figure. PostgreSQL counts its table;
// EventStoreDB has no cheap count of $all (its positions are bytes in its log, not events), so there the
// count is unknown and the progress shows the events checked without a total.
import { eventStoreKind, type EventStoreChoice } from '@bureau/service-kit';

export type EventCount = () => Promise<number | null>;

export interface Queryable {
  query<Row extends Record<string, unknown>>(sql: string): Promise<{ rows: Row[] }>;
}

/** `pool`: the PostgreSQL store's database; not asked when the store is EventStoreDB. */
export function eventCounter(choice: EventStoreChoice, pool: Queryable | undefined): EventCount {
  if (eventStoreKind(choice) !== 'postgres' || pool === undefined) return async () => null;
  return async () => Number((await pool.query<{ n: string }>('select count(*) as n from event_store.events')).rows[0]?.n ?? 0);
}
