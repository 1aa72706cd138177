// The PostgreSQL event store: a pg pool, the append function, $all readers and subscriptions.
import pg from 'pg';
import { survivesLostConnections } from './pool-errors.js';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision, GlobalPosition, ReadAllOptions, ReadStreamOptions, RecordedEvent, Subscription, SubscribeOptions } from '../types.js';
import { AppendAnnouncer } from './announce.js';
import { appendAllOrNothing } from './all-or-nothing.js';
import { appendAlone, appendEvents } from './append.js';
import { prepareAppend } from './append-input.js';
import { GroupCommit, type GroupCommitOptions, type StreamAppend } from './group-commit.js';
import { StreamPageReader, type StreamReadBatchingOptions } from './stream-pages.js';
import { migrateEventStore } from './migrate.js';
import { AppendNotifications } from './notifications.js';
import { readAllEvents } from './read-all.js';
import { readStreamEvents } from './read-stream.js';
import { SharedPageReads } from './shared-pages.js';
import { PostgresSubscription } from './subscription.js';

export interface PostgresEventStoreOptions {
  readonly connectionString: string;
  /** Connections in the store's pool (default 10). */
  readonly poolSize?: number;
  /** Bring the schema up to date before returning (default true). */
  readonly migrate?: boolean;
  /** How often a live subscription polls when no notification wakes it (default 250 ms). */
  readonly pollIntervalMs?: number;
  /** How appends made while others are in flight share a transaction (README "Group commit"); false sends each alone. */
  readonly groupCommit?: GroupCommitOptions | false;
  /** How stream reads made while others are in flight share a query (README "Batched stream reads"); false reads each alone. */
  readonly streamReadBatching?: StreamReadBatchingOptions | false;
}

export interface PostgresEventStore extends EventStore {
  /** The store's pool, so projections can share the database (and transactions) with it. */
  readonly pool: pg.Pool;
  /** The same append, run on a caller's open transaction; it commits or rolls back with it. */
  appendToStreamInTransaction(
    client: pg.PoolClient,
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;
  /**
   * Many streams' appends in one call of append_batch (one round trip, one transaction, one commit),
   * for bulk writers such as the year generator. Each append keeps the outcome it would have had alone
   * (README "Group commit"); the results are in the order given, and the call rejects with the first
   * append that failed (the others keep their outcomes). Bad input in any append: nothing is sent.
   * Without group commit, the appends go one by one.
   * With `allOrNothing`, the appends are written together or not at all, with or without group commit
   * (README "All or nothing"): when any is refused, the call rejects with an AppendsRefusedError naming
   * each refused append and its error, and nothing is written.
   */
  appendToStreams(appends: readonly StreamAppend[], options?: { readonly allOrNothing?: boolean }): Promise<AppendResult[]>;
}

const HEAD_SQL = `select e.transaction_id, e.sequence from event_store.events e
  where e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))
  order by e.transaction_id desc, e.sequence desc limit 1`;

// Every committed event, visible to readers or not yet (the horizon above does not apply).
const LAST_COMMITTED_SQL = `select e.transaction_id, e.sequence from event_store.events e
  order by e.transaction_id desc, e.sequence desc limit 1`;

export async function createPostgresEventStore(options: PostgresEventStoreOptions): Promise<PostgresEventStore> {
  if (options.migrate ?? true) await migrateEventStore(options.connectionString);
  // Idle connections are kept (no idle timeout): the pool is small and fixed, and the timer that
  // pg-pool otherwise arms on every release is measurable per append.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10, idleTimeoutMillis: 0 });
  // A connection that breaks, idle or checked out, must not crash the process (pool-errors.ts).
  survivesLostConnections(pool);
  const notifications = new AppendNotifications(options.connectionString);
  const sharedPages = new SharedPageReads(pool, notifications);
  const announcer = new AppendAnnouncer(pool, notifications.selfId, (appended) => notifications.wakeLocal(appended));
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const subscriptions = new Set<PostgresSubscription>();
  const groupCommit = options.groupCommit === false ? undefined : new GroupCommit(pool, options.groupCommit);
  const streamPages = options.streamReadBatching === false ? undefined : new StreamPageReader(pool, options.streamReadBatching);

  return {
    pool,
    async appendToStream(streamName, events, appendOptions) {
      const expected = appendOptions?.expectedRevision ?? 'any';
      const result = groupCommit
        ? await groupCommit.append(streamName, events, expected)
        : await appendAlone(pool, streamName, expected, prepareAppend(streamName, events, expected));
      announcer.announce({ streamName, types: events.map((e) => e.type) });
      return result;
    },
    async appendToStreams(appends, appendOptions) {
      if (appends.length === 0) return [];
      if (appendOptions?.allOrNothing) {
        const results = await appendAllOrNothing(pool, appends);
        for (const a of appends) announcer.announce({ streamName: a.streamName, types: a.events.map((e) => e.type) });
        return results;
      }
      let settled: PromiseSettledResult<AppendResult>[];
      if (groupCommit) {
        settled = await Promise.allSettled(groupCommit.appendMany(appends));
      } else {
        const prepared = appends.map((a) => prepareAppend(a.streamName, a.events, a.expectedRevision ?? 'any'));
        settled = [];
        for (const [i, a] of appends.entries()) {
          settled.push(await appendAlone(pool, a.streamName, a.expectedRevision ?? 'any', prepared[i]!).then(
            (value) => ({ status: 'fulfilled', value }) as const, (reason: unknown) => ({ status: 'rejected', reason }) as const));
        }
      }
      // Announced whatever the others' outcome: those written must wake their subscribers.
      settled.forEach((outcome, i) => {
        const a = appends[i]!;
        if (outcome.status === 'fulfilled') announcer.announce({ streamName: a.streamName, types: a.events.map((e) => e.type) });
      });
      const failed = settled.find((o) => o.status === 'rejected');
      if (failed) throw failed.reason;
      return settled.map((o) => (o as PromiseFulfilledResult<AppendResult>).value);
    },
    // Notifies inside the transaction: the NOTIFY is delivered when (and only if) the caller commits.
    appendToStreamInTransaction: (client, streamName, events, appendOptions) => appendEvents(client, streamName, events, appendOptions, true),
    readStream: (streamName: string, readOptions?: ReadStreamOptions): AsyncIterable<RecordedEvent> => readStreamEvents(pool, streamName, readOptions, streamPages),
    readAll: (readOptions?: ReadAllOptions): AsyncIterable<RecordedEvent> => readAllEvents(pool, readOptions),
    subscribeToAll(subscribeOptions: SubscribeOptions = {}): Subscription {
      const subscription = new PostgresSubscription({
        readPage: (after, limit, filter) => sharedPages.read(after, limit, filter),
        notifications,
        pollIntervalMs,
        ...subscribeOptions,
        onClosed: (s) => subscriptions.delete(s),
      });
      subscriptions.add(subscription);
      return subscription;
    },
    async headPosition(): Promise<GlobalPosition | undefined> {
      const { rows } = await pool.query<[string, string]>({ name: 'event_store_head', text: HEAD_SQL, rowMode: 'array' });
      const row = rows[0];
      return row === undefined ? undefined : { commit: BigInt(row[0]), prepare: BigInt(row[1]) };
    },
    async lastCommittedPosition(): Promise<GlobalPosition | undefined> {
      const { rows } = await pool.query<[string, string]>({ name: 'event_store_last_committed', text: LAST_COMMITTED_SQL, rowMode: 'array' });
      const row = rows[0];
      return row === undefined ? undefined : { commit: BigInt(row[0]), prepare: BigInt(row[1]) };
    },
    async close(): Promise<void> {
      await groupCommit?.drained();
      await Promise.all([...subscriptions].map((s) => s.close()));
      await announcer.close();
      await notifications.close();
      await pool.end();
    },
  };
}
