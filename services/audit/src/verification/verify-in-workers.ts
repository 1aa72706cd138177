// Verify everything with the hashing spread over worker threads. Per event, verifying costs beyond
// reading it the canonical JSON of its data and metadata and a SHA-256 (together about as much again as
// the read, on one thread); so this thread only reads $all, as a pass on one thread does, and hands each
// event to the worker that owns its stream (streams split by a hash of their name, so a stream's events
// reach one worker, in order), in batches, as JSON text. Each worker runs the same ChainChecker; their
// findings are merged. A worker more than a few batches behind holds the reader back (memory stays bounded).
import { comparePositions, type EventStore } from '@bureau/event-store';
import { Worker } from 'node:worker_threads';
import type { Finding, StreamHead } from './chain-checker.js';
import type { StoreVerdict, VerifyOptions } from './verify-store.js';

export type ToChainWorker = { readonly kind: 'batch'; readonly json: string } | { readonly kind: 'finish' };
type FromChainWorker =
  | { readonly kind: 'ack'; readonly events: number }
  | { readonly kind: 'verdict'; readonly events: number; readonly streams: number; readonly findings: Finding[] };

const BATCH = 1000;
const MAX_BATCHES_IN_FLIGHT = 8;

/** FNV-1a over the name's UTF-16 units: which worker checks a stream. */
function shardOf(streamName: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < streamName.length; i += 1) h = Math.imul(h ^ streamName.charCodeAt(i), 0x01000193);
  return (h >>> 0) % shards;
}

class ChainWorker {
  readonly worker: Worker;
  rows: unknown[][] = [];
  inFlight = 0;
  acked = 0;
  private wake: (() => void) | undefined;
  readonly verdict: Promise<Extract<FromChainWorker, { kind: 'verdict' }>>;

  constructor(anchored: readonly StreamHead[], onAck: (events: number) => void) {
    this.worker = new Worker(new URL('./chain-worker.mjs', import.meta.url), { workerData: { anchored } });
    this.verdict = new Promise((resolve, reject) => {
      this.worker.on('message', (message: FromChainWorker) => {
        if (message.kind === 'ack') {
          this.inFlight -= 1;
          this.acked += message.events;
          onAck(message.events);
          this.wake?.();
        } else resolve(message);
      });
      this.worker.once('error', (error) => {
        reject(error);
        this.wake?.();
      });
      this.worker.once('exit', (code) => reject(new Error(`chain worker exited (${code})`)));
    });
    // Settled by the caller's await; not an unhandled rejection while the reader is busy.
    this.verdict.catch(() => undefined);
  }

  async send(): Promise<void> {
    if (this.rows.length === 0) return;
    while (this.inFlight >= MAX_BATCHES_IN_FLIGHT) await new Promise<void>((resolve) => { this.wake = resolve; });
    const message: ToChainWorker = { kind: 'batch', json: JSON.stringify(this.rows) };
    this.rows = [];
    this.inFlight += 1;
    this.worker.postMessage(message);
  }
}

export async function verifyStoreInWorkers(store: EventStore, threads: number, options: VerifyOptions = {}): Promise<StoreVerdict> {
  const shards = Math.max(1, threads);
  const anchoredByShard = Array.from({ length: shards }, (): StreamHead[] => []);
  for (const head of options.anchored ?? []) anchoredByShard[shardOf(head.stream, shards)]?.push(head);
  const every = options.progressEvery ?? 10_000;
  let checked = 0;
  let reported = 0;
  const streams = new Set<string>();
  const progress = () => options.onProgress?.({ events: checked, streams: streams.size });
  const workers = anchoredByShard.map((anchored) => new ChainWorker(anchored, (n) => {
    checked += n;
    if (checked - reported >= every) {
      reported = checked;
      progress();
    }
  }));
  try {
    const upTo = (await store.headPosition()) ?? null;
    if (upTo) {
      for await (const e of store.readAll()) {
        if (comparePositions(e.position, upTo) > 0) break;
        streams.add(e.streamName);
        const worker = workers[shardOf(e.streamName, shards)];
        if (!worker) continue;
        worker.rows.push([e.streamName, e.revision.toString(), e.id, e.type, e.data, e.metadata, e.hash]);
        if (worker.rows.length >= BATCH) {
          options.signal?.throwIfAborted();
          await worker.send();
        }
      }
    }
    for (const w of workers) {
      await w.send();
      w.worker.postMessage({ kind: 'finish' } satisfies ToChainWorker);
    }
    const verdicts = await Promise.all(workers.map((w) => w.verdict));
    progress();
    const findings = verdicts.flatMap((v) => v.findings).sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
    const events = verdicts.reduce((n, v) => n + v.events, 0);
    return { intact: findings.length === 0, events, streams: verdicts.reduce((n, v) => n + v.streams, 0), upTo, findings };
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
