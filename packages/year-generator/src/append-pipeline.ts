// The generator's writes, overlapped with its generating: each phase (a set of streams, say a district's
// legal-aid files) is queued and written in the background, in batches of many streams' appends, one
// transaction a batch, through the PostgreSQL store's batch append (`appendToStreams`). Phases are
// written in the order queued, a phase only after the one before has committed (the numbering stream
// before the files numbered from it, the lawyer registries before the assignments), so $all holds the
// streams in the order the services would have written them. Every stream is still one append guarded
// by its expected revision, with its own outcome (a stream written before answers `written: false`).
// A store without the batch append gets each stream as its own append, `inFlight` at once.
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from '@bureau/event-store';
import { flushAll } from './writer.js';

export interface StreamAppend {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
  readonly expectedRevision?: ExpectedRevision;
}

/** The PostgreSQL store's many-streams append (`@bureau/event-store/postgres`). */
interface BatchAppender {
  appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]>;
}

/** One stream's queued events: taken when its batch is sent, told the store's answer after. */
export interface PendingStream {
  takePending(): { streamName: string; events: EventToAppend[]; expectedRevision: ExpectedRevision } | undefined;
  appended(result: AppendResult): void;
  flush(store: EventStore): Promise<number>;
}

const batchAppenderOf = (store: EventStore): BatchAppender | undefined => {
  const candidate = store as EventStore & Partial<BatchAppender>;
  return typeof candidate.appendToStreams === 'function' ? (candidate as EventStore & BatchAppender) : undefined;
};

export interface AppendPipelineOptions {
  /** Events in one batch (one transaction); a single larger stream still goes whole. Default 4,000. */
  readonly batchEvents?: number;
  /** Batches of one phase in flight at once (default 2). */
  readonly batchesInFlight?: number;
  /** Appends in flight at once on a store without the batch append (default 128). */
  readonly inFlight?: number;
}

export class AppendPipeline {
  readonly #store: EventStore;
  readonly #batch: BatchAppender | undefined;
  readonly #batchEvents: number;
  readonly #batchesInFlight: number;
  readonly #inFlight: number;
  readonly #onWritten: (events: number) => void;
  #tail: Promise<void> = Promise.resolve();
  #queued = 0;
  #failure: { error: unknown } | undefined;

  constructor(store: EventStore, onWritten: (events: number) => void, options: AppendPipelineOptions = {}) {
    this.#store = store;
    this.#batch = batchAppenderOf(store);
    this.#batchEvents = Math.max(1, options.batchEvents ?? 4000);
    this.#batchesInFlight = Math.max(1, options.batchesInFlight ?? 2);
    this.#inFlight = Math.max(1, options.inFlight ?? 128);
    this.#onWritten = onWritten;
  }

  /** Events queued and not yet written. */
  get queuedEvents(): number {
    return this.#queued;
  }

  /**
   * Queues a phase; its streams are written after every phase queued before. `then` runs once it is
   * written (not if writing failed: drained() and room() throw that error).
   */
  enqueue(streams: readonly PendingStream[], weight: number, then?: () => void): void {
    this.#queued += weight;
    this.#tail = this.#tail.then(async () => {
      if (this.#failure) return;
      try {
        await this.#write(streams);
        then?.();
      } catch (error) {
        this.#failure = { error };
      } finally {
        this.#queued -= weight;
      }
    });
  }

  /** Waits until at most `maxQueuedEvents` are queued, so memory stays bounded; throws a write's error. */
  async room(maxQueuedEvents: number): Promise<void> {
    // Lets the batches in flight hand their answers in and the next ones leave, between phases.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#queued > maxQueuedEvents && !this.#failure) await Promise.race([this.#tail, new Promise((resolve) => setTimeout(resolve, 20))]);
    this.#throwIfFailed();
  }

  /** Waits for everything queued to be written; throws a write's error. */
  async drained(): Promise<void> {
    await this.#tail;
    this.#throwIfFailed();
  }

  #throwIfFailed(): void {
    if (this.#failure) throw this.#failure.error;
  }

  async #write(streams: readonly PendingStream[]): Promise<void> {
    const batch = this.#batch;
    if (!batch) {
      await flushAll(this.#store, streams, this.#inFlight, this.#onWritten);
      return;
    }
    const batches: { stream: PendingStream; append: StreamAppend }[][] = [];
    let current: { stream: PendingStream; append: StreamAppend }[] = [];
    let size = 0;
    for (const stream of streams) {
      const append = stream.takePending();
      if (!append) continue;
      if (size > 0 && size + append.events.length > this.#batchEvents) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push({ stream, append });
      size += append.events.length;
    }
    if (current.length > 0) batches.push(current);
    let next = 0;
    const worker = async () => {
      for (;;) {
        const appends = batches[next];
        next += 1;
        if (!appends) return;
        const results = await batch.appendToStreams(appends.map((a) => a.append));
        let written = 0;
        results.forEach((result, i) => {
          const a = appends[i]!;
          a.stream.appended(result);
          if (result.written) written += a.append.events.length;
        });
        this.#onWritten(written);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#batchesInFlight, batches.length) }, worker));
  }
}
