// A small service of the tests' own, wired as a real service wires the outbox: the kit's app on a fresh
// database, loans (借阅) written to the event store, and the city library network as an in-memory
// transport that records each call and answers as the test tells it.
import type { RecordedEvent } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { buildApp, eventStorePlugin, pgPoolPlugin, type App } from '@bureau/service-kit';
import { captureLogs, ownOrganisationOnly, signTestToken, type LogCapture } from '@bureau/service-kit/testing';
import { z } from 'zod';
import { startOutbox, type OutboxControl, type OutboxOptions } from '../../src/index.js';
import type { MessageToQueue } from '../../src/reactor.js';
import type { OutboundMessage, TransportOutcome } from '../../src/transport.js';
import { quickRetry } from './loans.js';
import { eventually } from '@bureau/testing';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'library-outbox-test-secret-0123456789';
export const LIBRARIAN_ROLES = { head_librarian: 'organisation' } as const;

/** Loan events: the stream `loan-<id>` is the loan; each event owes the network a notice. */
const noticeOf: Record<string, string> = { LoanOpened: 'loan-opened', LoanRenewed: 'loan-renewed', LoanReturned: 'loan-returned' };

/** The library's rule, pure: one notice per loan event, in the loan's order. */
export function loanNoticesOf(event: RecordedEvent): readonly MessageToQueue[] {
  const kind = noticeOf[event.type];
  if (!kind || !event.streamName.startsWith('loan-')) return [];
  return [{ orderingKey: event.streamName.slice('loan-'.length), destination: 'city-library', kind, attributes: { branch: 'east' }, payload: JSON.stringify(event.data) }];
}

/** The city library network: records every call; `answer` decides each (default: taken). */
export class LibraryNetwork {
  readonly calls: OutboundMessage[] = [];
  answer: (message: OutboundMessage) => TransportOutcome = () => ({ kind: 'delivered', status: 200 });
  readonly transport = async (message: OutboundMessage): Promise<TransportOutcome> => {
    this.calls.push(message);
    return this.answer(message);
  };
  taken(): OutboundMessage[] {
    return this.calls.filter((c) => this.answer(c).kind === 'delivered');
  }
}

export interface LibraryService {
  readonly app: App;
  readonly outbox: OutboxControl;
  readonly logs: LogCapture;
  readonly token: (role: string) => string;
  /** Appends one loan event. */
  readonly record: (loanId: string, type: 'LoanOpened' | 'LoanRenewed' | 'LoanReturned', data?: Record<string, string>) => Promise<string>;
}

export async function startLibraryService(
  t: Teardown,
  databaseUrl: string,
  network: LibraryNetwork,
  options: { table?: string; projection?: string; routes?: boolean } & Partial<Pick<OutboxOptions<never, undefined>, 'leaseMs' | 'timeoutMs' | 'concurrency'>> = {},
): Promise<LibraryService> {
  const logs = captureLogs();
  const app = await buildApp({ name: 'library-outbox-test', logLevel: 'info', logStream: logs.stream, auth: { jwtSecret: JWT_SECRET } });
  app.useReachResolver(ownOrganisationOnly);
  await app.register(pgPoolPlugin, { connectionString: databaseUrl });
  await app.register(eventStorePlugin, { create: () => createPostgresEventStore({ connectionString: databaseUrl }) });
  const { table, projection, routes, ...timings } = options;
  const outbox = await startOutbox(app, {
    ...timings,
    table: table ?? 'library_loans_outbox',
    reactor: { name: projection ?? 'library_loans_outbox', version: 1, streamCategories: ['loan'], messagesOf: loanNoticesOf },
    transport: network.transport,
    ...(routes === false ? {} : { routes: { roles: LIBRARIAN_ROLES, destinationsWithin: () => null, prefix: '/loans/outbox', tag: 'loans', fields: { shape: { loanId: z.string() }, of: (row) => ({ loanId: row.ordering_key }) } } }),
    retry: quickRetry,
    requireHourBudget: false,
    pollMs: 200,
    engine: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 },
  });
  await app.ready();
  t.teardown(() => app.close());
  const token = (role: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `user-${role}`, role, org: 'district-library' })}`;
  const record = async (loanId: string, type: 'LoanOpened' | 'LoanRenewed' | 'LoanReturned', data: Record<string, string> = {}) => {
    await app.eventStore.appendToStream(`loan-${loanId}`, [{ type, data: { loanId, reader: '李四', ...data } }]);
    return loanId;
  };
  return { app, outbox, logs, token, record };
}

export { eventually };
