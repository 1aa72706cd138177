// The tests' own small domain, so the outbox is shown to work for a service that is not the hotline:
// a district library's loans (借阅), whose notices go to the city library network. A loan is the
// ordering key; its notices (opened, renewed, returned) must reach the network in order.
import { randomUUID } from 'node:crypto';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, type KyselyConfig } from 'kysely';
import pg from 'pg';
import type { NewOutboxMessage, OutboxDb } from '../../src/queue-queries.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The library service's outbox table. */
export const LOANS_OUTBOX = 'library_loans_outbox';

/** Millisecond backoff, no jitter (so the gaps are predictable), a budget long enough for any test. */
export const quickRetry = { baseDelayMs: 40, factor: 2, maxDelayMs: 320, jitter: 0, budgetMs: 60_000, maxAttempts: 1_000 };

export const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A fresh database, its pool and a Kysely over it. */
export async function loansDatabase(t: Teardown, options: { max?: number; log?: KyselyConfig['log'] } = {}) {
  const url = await freshDatabase(t);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
  const db: OutboxDb = new Kysely<any>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  t.teardown(() => db.destroy());
  return { url, pool, db };
}

/** A loan notice to queue. */
export function loanNotice(loanId: string, kind: 'loan-opened' | 'loan-renewed' | 'loan-returned', createdAt: Date, idempotencyKey: string = randomUUID()): NewOutboxMessage {
  return { idempotencyKey, eventType: 'LoanNotice', orderingKey: loanId, destination: 'city-library', kind, attributes: { branch: 'east' }, payload: `{"loan":"${loanId}","notice":"${kind}"}`, createdAt };
}
