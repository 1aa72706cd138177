// The worker protocol of the multi-process arrangement, the same on every store. A backend's worker
// entry (its test/<backend>/race/worker.ts) calls serveRaceWorker with its own store factory; the
// worker opens its store (its own pool or client, its own connections) with the options the parent
// sends, and runs what the parent sends. A job comes in two steps so that all writers start together:
// `prepare` (answered with `ready`), then `go` (answered with `done` and the outcomes). Messages use the
// advanced serialization (structured clone), so bigints cross as they are.
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from './arrangement.js';
import { runAppend, runOutOfOrder, type RaceStore } from './run.js';

export type WorkerJob =
  | { readonly kind: 'appends'; readonly appends: readonly RaceAppend[] }
  | { readonly kind: 'out-of-order'; readonly load: OutOfOrderLoad; readonly events: number };

export type ToWorker<Options> =
  | { readonly type: 'open'; readonly options: Options }
  | { readonly type: 'prepare'; readonly job: number; readonly work: WorkerJob }
  | { readonly type: 'go'; readonly job: number }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'opened'; readonly error?: string }
  | { readonly type: 'ready'; readonly job: number }
  | { readonly type: 'done'; readonly job: number; readonly outcomes?: RaceOutcome[]; readonly ids?: string[]; readonly error?: string }
  | { readonly type: 'closed' };

/** How a backend opens a store, from options that cross to a child process. */
export type OpenRaceStore<Options> = (options: Options) => Promise<RaceStore>;

const describe = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));

/** Runs this (child) process as a race worker whose store `open` opens. */
export function serveRaceWorker<Options>(open: OpenRaceStore<Options>): void {
  const send = (message: FromWorker) => process.send?.(message);
  let subject: RaceStore | undefined;
  const prepared = new Map<number, WorkerJob>();

  async function run(job: number, work: WorkerJob): Promise<void> {
    if (subject === undefined) throw new Error('worker: no store opened');
    const s = subject;
    try {
      if (work.kind === 'appends') send({ type: 'done', job, outcomes: await Promise.all(work.appends.map((a) => runAppend(s, a))) });
      else send({ type: 'done', job, ids: await runOutOfOrder(s, work.load, work.events) });
    } catch (error) {
      send({ type: 'done', job, error: describe(error) });
    }
  }

  process.on('message', (message: ToWorker<Options>) => {
    switch (message.type) {
      case 'open':
        open(message.options).then(
          (s) => {
            subject = s;
            send({ type: 'opened' });
          },
          (error: unknown) => send({ type: 'opened', error: describe(error) }),
        );
        return;
      case 'prepare':
        prepared.set(message.job, message.work);
        send({ type: 'ready', job: message.job });
        return;
      case 'go': {
        const work = prepared.get(message.job);
        prepared.delete(message.job);
        if (work !== undefined) void run(message.job, work);
        return;
      }
      case 'close':
        void (subject?.close() ?? Promise.resolve()).then(() => {
          send({ type: 'closed' });
          process.disconnect();
        });
        return;
      default: {
        const never: never = message;
        throw new Error(`worker: unknown message ${JSON.stringify(never)}`);
      }
    }
  });
}
