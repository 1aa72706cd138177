// A writer in a child process (four-process race arrangement): opens its own store on the database it
// is given, and runs what the parent sends. A job comes in two steps so that all writers start
// together: `prepare` (answered with `ready`), then `go` (answered with `done` and the outcomes).
// Messages use the advanced serialization (structured clone), so bigints cross as they are.
import { createPostgresEventStore } from '../../../src/postgres/index.js';
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from '../../contract/race/arrangement.js';
import { runAppend, runOutOfOrder } from './run.js';

export type WorkerJob =
  | { readonly kind: 'appends'; readonly appends: readonly RaceAppend[] }
  | { readonly kind: 'out-of-order'; readonly load: OutOfOrderLoad; readonly events: number };

export type ToWorker =
  | { readonly type: 'open'; readonly connectionString: string; readonly poolSize: number }
  | { readonly type: 'prepare'; readonly job: number; readonly work: WorkerJob }
  | { readonly type: 'go'; readonly job: number }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'opened' }
  | { readonly type: 'ready'; readonly job: number }
  | { readonly type: 'done'; readonly job: number; readonly outcomes?: RaceOutcome[]; readonly ids?: string[]; readonly error?: string }
  | { readonly type: 'closed' };

const send = (message: FromWorker) => process.send?.(message);
let store: Awaited<ReturnType<typeof createPostgresEventStore>> | undefined;
const prepared = new Map<number, WorkerJob>();

async function run(job: number, work: WorkerJob): Promise<void> {
  if (store === undefined) throw new Error('worker: no store opened');
  const s = store;
  try {
    if (work.kind === 'appends') send({ type: 'done', job, outcomes: await Promise.all(work.appends.map((a) => runAppend(s, a))) });
    else send({ type: 'done', job, ids: await runOutOfOrder(s, work.load, work.events) });
  } catch (error) {
    send({ type: 'done', job, error: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      void createPostgresEventStore({ connectionString: message.connectionString, poolSize: message.poolSize }).then((s) => {
        store = s;
        send({ type: 'opened' });
      });
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
      void (store?.close() ?? Promise.resolve()).then(() => {
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
