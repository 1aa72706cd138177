// A writer in a child process (four-process race arrangement on EventStoreDB): opens its own store
// (its own client, its own connection) on the server it is given, and runs what the parent sends, in
// two steps so that all writers start together: `prepare` (answered `ready`), then `go` (answered
// `done` with the outcomes). Messages use the advanced serialization, so bigints cross as they are.
import { createEventStoreDbEventStore } from '../../../src/eventstoredb/index.js';
import type { EventStore } from '../../../src/index.js';
import type { OutOfOrderLoad, RaceAppend, RaceOutcome } from '../../contract/race/arrangement.js';
import { runAppend, runOutOfOrder } from './run.js';

export type WorkerJob =
  | { readonly kind: 'appends'; readonly appends: readonly RaceAppend[] }
  | { readonly kind: 'out-of-order'; readonly load: OutOfOrderLoad; readonly events: number };

export type ToWorker =
  | { readonly type: 'open'; readonly connectionString: string }
  | { readonly type: 'prepare'; readonly job: number; readonly work: WorkerJob }
  | { readonly type: 'go'; readonly job: number }
  | { readonly type: 'close' };

export type FromWorker =
  | { readonly type: 'opened'; readonly error?: string }
  | { readonly type: 'ready'; readonly job: number }
  | { readonly type: 'done'; readonly job: number; readonly outcomes?: RaceOutcome[]; readonly ids?: string[]; readonly error?: string }
  | { readonly type: 'closed' };

const send = (message: FromWorker) => process.send?.(message);
const describe = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));
let store: EventStore | undefined;
const prepared = new Map<number, WorkerJob>();

async function run(job: number, work: WorkerJob): Promise<void> {
  if (store === undefined) throw new Error('worker: no store opened');
  const s = store;
  try {
    if (work.kind === 'appends') send({ type: 'done', job, outcomes: await Promise.all(work.appends.map((a) => runAppend(s, a))) });
    else send({ type: 'done', job, ids: await runOutOfOrder(s, work.load, work.events) });
  } catch (error) {
    send({ type: 'done', job, error: describe(error) });
  }
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open':
      createEventStoreDbEventStore({ connectionString: message.connectionString }).then(
        (s) => {
          store = s;
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
