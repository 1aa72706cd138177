// The outbox's reactor: a projection that queues the messages the service's rule asks for, in the same
// transaction that moves its checkpoint, so a message is never lost (the checkpoint cannot pass an event
// whose message was not queued) and never doubled (the idempotency key is the row's key, and a message
// already queued is left alone, so a replay or rebuild adds nothing).
import type { GlobalPosition, RecordedEvent } from '@bureau/event-store';
import { defineProjection, type Projection, type ReadModelTransaction, type TableNames } from '@bureau/projections';
import { enqueueMessages, type NewOutboxMessage } from './queue-queries.js';

/** A message an event asks for, as the service's rule states it. */
export interface MessageToQueue {
  /** Messages of one key are delivered in the order their events were stored (a work order, an application). */
  readonly orderingKey: string;
  readonly destination: string;
  readonly kind: string;
  /** The exact bytes to send, on every try. */
  readonly payload: string;
  /** Whatever else the transport needs to address it; never personal data (staff lists show it). */
  readonly attributes?: Readonly<Record<string, string>>;
  /** Default: the event's id (the n-th message of one event, from the second on: `${id}/${n}`). */
  readonly idempotencyKey?: string;
}

export interface OutboxReactorOptions<Table extends string, Context> {
  /** The projection's name and version (its checkpoint): bumping the version replays every event. */
  readonly name: string;
  readonly version: number;
  readonly streamCategories?: readonly string[];
  readonly eventTypes?: readonly string[];
  /** The outbox table the messages go to. */
  readonly table: string;
  /** Pure: the messages an event asks for (none for most), given what `prepare` found for the batch. */
  readonly messagesOf: (event: RecordedEvent, context: Context) => readonly MessageToQueue[];
  /**
   * For a rule that needs facts from earlier events (the hotline: a dispatch names the platform and its
   * order number, later events do not): the reactor's own tables, kept in the batch's transaction, and
   * the read of them `messagesOf` gets as its context. Optional; without it the context is undefined.
   */
  readonly tables?: readonly Table[];
  readonly migrate?: (trx: ReadModelTransaction, tables: TableNames<Table>) => Promise<void>;
  readonly prepare?: (trx: ReadModelTransaction, events: readonly RecordedEvent[], tables: TableNames<Table>) => Promise<Context>;
  readonly clock: () => Date;
  /** Told (before commit) the position of a batch that queued messages: wait for its checkpoint, then deliver. */
  readonly onQueued: (position: GlobalPosition) => void;
}

/**
 * The engine wants every projection to own a table. A reactor without tables of its own gets one row
 * naming the outbox table it feeds (written once, when its generation is made; never on the hot path).
 */
const feedsTable = (name: string) => `${name.slice(0, 34)}_feeds`;

export function outboxReactor<const Table extends string = never, Context = undefined>(options: OutboxReactorOptions<Table, Context>): Projection<string> {
  const own = options.tables !== undefined && options.tables.length > 0;
  const feeds = feedsTable(options.name);
  return defineProjection<string>({
    name: options.name,
    version: options.version,
    ...(options.streamCategories ? { streamCategories: options.streamCategories } : {}),
    ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
    tables: own ? (options.tables ?? []) : [feeds],
    async migrate(trx, tables) {
      if (own) {
        await options.migrate?.(trx, tables as TableNames<Table>);
        return;
      }
      const table = tables[feeds] ?? feeds;
      await trx.schema.createTable(table).addColumn('outbox_table', 'text', (c) => c.primaryKey()).execute();
      await trx.insertInto(table).values({ outbox_table: options.table }).execute();
    },
    async handle(trx, events, tables) {
      const context = (options.prepare ? await options.prepare(trx, events, tables as TableNames<Table>) : undefined) as Context;
      const queued: NewOutboxMessage[] = [];
      let last: GlobalPosition | undefined;
      const now = options.clock();
      for (const event of events) {
        const messages = options.messagesOf(event, context);
        messages.forEach((m, n) => {
          queued.push({
            idempotencyKey: m.idempotencyKey ?? (n === 0 ? event.id : `${event.id}/${n}`),
            eventType: event.type,
            orderingKey: m.orderingKey,
            destination: m.destination,
            kind: m.kind,
            attributes: m.attributes ?? {},
            payload: m.payload,
            createdAt: now,
          });
        });
        if (messages.length > 0) last = event.position;
      }
      if (queued.length === 0) return;
      await enqueueMessages(trx, options.table, queued);
      if (last !== undefined) options.onQueued(last);
    },
  });
}
