// No number is ever left without its application: every allocation whose application stream has not
// been written (the request died between the two appends, and the client never retried) is completed
// from the allocation itself, which carries the whole receipt. Runs at start and then periodically. On
// PostgreSQL a submission writes both in one transaction, so it finds only what the two-step scheme left
// (EventStoreDB, or allocations made before it).
import type { EventStore } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import type { LegalAidReadDatabase } from '../read-models/tables.js';
import { allocationAt, completeAllocation } from './submission.js';

export interface ReconcilerOptions {
  readonly store: EventStore;
  readonly db: Kysely<LegalAidReadDatabase>;
  /** An allocation younger than this is its request's to complete (default 5 s). */
  readonly graceMs?: number;
  readonly logger: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Completes every allocation still incomplete after the grace period; returns how many it wrote. */
export async function reconcileNumbers(options: ReconcilerOptions): Promise<number> {
  const pending = await options.db
    .selectFrom('legal_aid_numbers')
    .select(['numbering_stream', 'sequence', 'application_number'])
    .where('completed', '=', false)
    // Compared on the database's clock: allocated_at is when the store recorded the allocation.
    .where(sql<boolean>`allocated_at <= now() - make_interval(secs => ${(options.graceMs ?? 5_000) / 1000})`)
    .orderBy('allocated_at')
    .limit(100)
    .execute();
  let written = 0;
  for (const row of pending) {
    const allocation = await allocationAt(options.store, row.numbering_stream, row.sequence);
    if (!allocation) continue;
    try {
      const result = await completeAllocation(options.store, allocation);
      if (!result.alreadyApplied) {
        written += 1;
        options.logger.warn({ numberingStream: row.numbering_stream, sequence: row.sequence }, 'application completed from its number allocation');
      }
    } catch (error) {
      options.logger.error({ err: error, numberingStream: row.numbering_stream, sequence: row.sequence }, 'could not complete an application from its number allocation');
    }
  }
  return written;
}
