// The access log's own group commit. Views that arrive while earlier ones are being made durable wait,
// then leave together as one append (one transaction, one commit) to one of their day's shards. Batches
// in flight at once never share a shard: they never wait on each other's row lock, nor does the store
// refuse one for stream order (two transactions on one stream). Every view is durable before its
// promise resolves; if the append fails, every view of that batch gets the error (and is not shown).
import type { EventStore, EventToAppend } from '@bureau/event-store';
import { ACCESS_LOG_SHARDS, accessLogShardName, type CaseViewed } from '../events/audit-events.js';
import { caseViewedEvent, type ViewRecord } from './record-view.js';

export interface AccessLogWriterOptions {
  /** Batches out at once (1 to ACCESS_LOG_SHARDS; default 2, as the store's own group commit). */
  readonly maxInFlight?: number;
  /** Most views in one append (default 100). */
  readonly maxBatch?: number;
}

interface Waiting {
  readonly day: string;
  readonly data: CaseViewed;
  readonly event: EventToAppend;
  readonly resolve: (view: CaseViewed) => void;
  readonly reject: (error: unknown) => void;
}

export class AccessLogWriter {
  readonly #store: EventStore;
  readonly #maxInFlight: number;
  readonly #maxBatch: number;
  #waiting: Waiting[] = [];
  /** The shards (day_shard) an append is out to now. */
  readonly #busy = new Set<string>();
  #nextShard = 0;
  #idle: Array<() => void> = [];

  constructor(store: EventStore, options: AccessLogWriterOptions = {}) {
    this.#store = store;
    this.#maxInFlight = Math.min(ACCESS_LOG_SHARDS, Math.max(1, options.maxInFlight ?? 2));
    this.#maxBatch = Math.max(1, options.maxBatch ?? 100);
  }

  /** Records one view; resolves once it is durable. */
  record(record: ViewRecord): Promise<CaseViewed> {
    const { data, event } = caseViewedEvent(record);
    return new Promise<CaseViewed>((resolve, reject) => {
      this.#waiting.push({ day: data.viewedAt.slice(0, 10), data, event, resolve, reject });
      this.#pump();
    });
  }

  /** Resolves once every view handed in so far is settled. */
  async drained(): Promise<void> {
    if (this.#busy.size === 0 && this.#waiting.length === 0) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#busy.size < this.#maxInFlight && this.#waiting.length > 0) {
      // The oldest view's day, and every view of that day waiting with it (up to maxBatch).
      const day = this.#waiting[0]!.day;
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      for (const w of this.#waiting) (w.day === day && batch.length < this.#maxBatch ? batch : rest).push(w);
      this.#waiting = rest;
      const shard = this.#freeShard(day);
      this.#busy.add(`${day}_${shard}`);
      void this.#send(accessLogShardName(day, shard), batch).finally(() => {
        this.#busy.delete(`${day}_${shard}`);
        this.#pump();
        if (this.#busy.size === 0 && this.#waiting.length === 0) for (const resolve of this.#idle.splice(0)) resolve();
      });
    }
  }

  /** The next shard of the day in turn that no batch is out to (there is one: maxInFlight ≤ the shards). */
  #freeShard(day: string): number {
    for (let i = 0; i < ACCESS_LOG_SHARDS; i += 1) {
      const shard = (this.#nextShard + i) % ACCESS_LOG_SHARDS;
      if (!this.#busy.has(`${day}_${shard}`)) {
        this.#nextShard = (shard + 1) % ACCESS_LOG_SHARDS;
        return shard;
      }
    }
    throw new Error('no free access-log shard');
  }

  async #send(streamName: string, batch: readonly Waiting[]): Promise<void> {
    try {
      await this.#store.appendToStream(streamName, batch.map((w) => w.event));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    for (const w of batch) w.resolve(w.data);
  }
}
