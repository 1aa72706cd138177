// Which event store a service writes to, chosen once from its configuration: EventStoreDB (KurrentDB) when
// EVENTSTORE_URL is set, as deployed; otherwise the PostgreSQL store in DATABASE_URL, the embedded default.
// Either way the service sees one contract (@bureau/event-store); its read models, timers and outbox stay in
// PostgreSQL (DATABASE_URL), fed from the store's $all subscription.
import type { EventStore } from '@bureau/event-store';
import { createEventStoreDbEventStore } from '@bureau/event-store/eventstoredb';
import { createPostgresEventStore, type PostgresEventStoreOptions } from '@bureau/event-store/postgres';

export interface EventStoreChoice {
  readonly DATABASE_URL: string;
  readonly EVENTSTORE_URL?: string | undefined;
}

/** Opens the configured store; `postgres` tunes the PostgreSQL store when that is the one chosen. */
export function openEventStore(config: EventStoreChoice, postgres: Omit<PostgresEventStoreOptions, 'connectionString'> = {}): Promise<EventStore> {
  if (config.EVENTSTORE_URL !== undefined) return createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL });
  return createPostgresEventStore({ connectionString: config.DATABASE_URL, ...postgres });
}

/** Which store the configuration chooses, for logs and /readyz: never the URL (it may carry credentials). */
export const eventStoreKind = (config: EventStoreChoice): 'eventstoredb' | 'postgres' => (config.EVENTSTORE_URL !== undefined ? 'eventstoredb' : 'postgres');
