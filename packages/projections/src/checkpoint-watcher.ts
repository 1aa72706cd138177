// Read-your-writes: wait until a projection's served (active) checkpoint has reached a position the
// caller got from an append. Three sources, fastest first: the in-process runner tells the watcher
// directly after each commit; other processes' commits arrive by LISTEN/NOTIFY; a poll of the
// checkpoints table, only while someone waits, covers a missed notification or a lost connection.
// A position of an event the projection does not handle never becomes its checkpoint; the poll also
// settles those: reached once it is readable and no event the projection handles lies between.
import { comparePositions, parsePosition, type AllFilter, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { errorFacts } from '@bureau/loop-kit';
import { silentLogger, type Logger } from './logger.js';
import { CHECKPOINT_CHANNEL } from './schema.js';

export type WaitOutcome = 'reached' | 'timeout';

export interface PositionWaiter {
  waitForPosition(projection: string, position: GlobalPosition, timeoutMs: number): Promise<WaitOutcome>;
}

interface Waiter {
  readonly position: GlobalPosition;
  readonly resolve: (outcome: WaitOutcome) => void;
}

export interface CheckpointWatcherOptions {
  readonly db: Kysely<any>;
  /** Connection settings for the LISTEN connection; omit to rely on polling (and in-process news). */
  readonly listen?: pg.ClientConfig;
  /** While someone waits; default 100 ms. */
  readonly pollMs?: number;
  readonly logger?: Logger;
  /** With these, waits on positions of events a projection ignores end too (see above). */
  readonly store?: EventStore;
  readonly projections?: ReadonlyArray<{ readonly name: string; readonly filter: AllFilter | undefined }>;
}

export class CheckpointWatcher implements PositionWaiter {
  private readonly served = new Map<string, GlobalPosition>();
  private readonly waiters = new Map<string, Set<Waiter>>();
  /** Projections read once since LISTEN began: notifications keep them current, no query needed. */
  private readonly tracked = new Set<string>();
  private listener: pg.Client | undefined;
  private listening: Promise<void> | undefined;
  private poller: NodeJS.Timeout | undefined;
  private closed = false;
  private ticking = false;
  private readonly pollMs: number;
  private readonly logger: Logger;

  constructor(private readonly options: CheckpointWatcherOptions) {
    this.pollMs = options.pollMs ?? 100;
    this.logger = options.logger ?? silentLogger;
  }

  /** News of a committed checkpoint of the active generation. */
  observe(projection: string, position: GlobalPosition): void {
    const known = this.served.get(projection);
    if (known && comparePositions(known, position) >= 0) return;
    this.served.set(projection, position);
    const waiting = this.waiters.get(projection);
    if (!waiting) return;
    for (const waiter of waiting) {
      if (comparePositions(position, waiter.position) >= 0) waiter.resolve('reached');
    }
  }

  async waitForPosition(projection: string, position: GlobalPosition, timeoutMs: number): Promise<WaitOutcome> {
    if (this.hasReached(projection, position)) return 'reached';
    const outcome = new Promise<WaitOutcome>((resolve) => {
      const waiting = this.waiters.get(projection) ?? new Set<Waiter>();
      this.waiters.set(projection, waiting);
      const timer = setTimeout(() => waiter.resolve('timeout'), Math.max(0, timeoutMs));
      const waiter: Waiter = {
        position,
        resolve: (result) => {
          clearTimeout(timer);
          waiting.delete(waiter);
          if (waiting.size === 0) this.waiters.delete(projection);
          resolve(result);
        },
      };
      waiting.add(waiter);
    });
    this.startPolling();
    if (!this.listener || !this.tracked.has(projection)) void this.ensureListening().then(() => this.refresh());
    return await outcome;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.poller);
    this.poller = undefined;
    for (const waiting of this.waiters.values()) for (const waiter of waiting) waiter.resolve('timeout');
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private hasReached(projection: string, position: GlobalPosition): boolean {
    const known = this.served.get(projection);
    return known !== undefined && comparePositions(known, position) >= 0;
  }

  private startPolling(): void {
    if (this.poller || this.closed) return;
    this.poller = setInterval(() => {
      if (this.waiters.size === 0) {
        clearInterval(this.poller);
        this.poller = undefined;
        return;
      }
      void this.tick();
    }, this.pollMs);
    this.poller.unref();
  }

  private async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      await this.refresh();
      for (const name of [...this.waiters.keys()]) await this.passOverIgnored(name);
    } catch (error) {
      this.logger.warn({ err: errorFacts(error) }, 'checkpoint poll failed');
    } finally {
      this.ticking = false;
    }
  }

  /**
   * Reached, too: a position that is readable (at or before the store's head, so nothing can still
   * appear before it) with no event the projection handles between the served checkpoint and it.
   * Checkpoint first, then head, then the next handled event: each read is at least as fresh as the last.
   */
  private async passOverIgnored(projection: string): Promise<void> {
    const store = this.options.store;
    const definition = this.options.projections?.find((p) => p.name === projection);
    const waiting = this.waiters.get(projection);
    if (!store || !definition || !waiting) return;
    const served = this.served.get(projection);
    const head = await store.headPosition();
    if (!head) return;
    let next: GlobalPosition | undefined;
    for await (const event of store.readAll({ ...(served ? { after: served } : {}), ...(definition.filter ? { filter: definition.filter } : {}), maxCount: 1 })) {
      next = event.position;
    }
    for (const waiter of [...waiting]) {
      if (comparePositions(waiter.position, head) <= 0 && (!next || comparePositions(waiter.position, next) < 0)) waiter.resolve('reached');
    }
  }

  private async refresh(): Promise<void> {
    const names = [...this.waiters.keys()];
    if (names.length === 0 || this.closed) return;
    const listener = this.listener;
    try {
      const { rows } = await sql<{ projection: string; commit_position: string; prepare_position: string }>`
        SELECT projection, commit_position, prepare_position FROM projections.checkpoints
         WHERE state = 'active' AND commit_position IS NOT NULL AND projection = ANY(${names})`.execute(this.options.db);
      for (const row of rows) this.observe(row.projection, { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) });
      if (listener && listener === this.listener) for (const name of names) this.tracked.add(name);
    } catch (error) {
      this.logger.warn({ err: errorFacts(error) }, 'checkpoint poll failed');
    }
  }

  private ensureListening(): Promise<void> {
    if (!this.options.listen || this.listener || this.closed) return Promise.resolve();
    this.listening ??= (async () => {
      const client = new pg.Client({ ...this.options.listen, application_name: 'bureau-projections-watch' });
      client.on('notification', (message) => {
        const [projection, text] = (message.payload ?? '').split(' ');
        const position = text ? parsePosition(text) : undefined;
        if (projection && position) this.observe(projection, position);
      });
      client.on('error', (error) => {
        this.logger.warn({ err: errorFacts(error) }, 'checkpoint listener lost; polling until it is back');
        if (this.listener === client) this.listener = undefined;
        this.tracked.clear();
        client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHECKPOINT_CHANNEL}`);
        if (this.closed) await client.end();
        else this.listener = client;
      } catch (error) {
        this.logger.warn({ err: errorFacts(error) }, 'checkpoint listener could not start; polling');
        await client.end().catch(() => undefined);
      }
    })().finally(() => {
      this.listening = undefined;
    });
    return this.listening;
  }
}
