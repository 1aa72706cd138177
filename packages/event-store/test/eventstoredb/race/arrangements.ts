// The race arrangements on EventStoreDB (test/contract/race): PostgreSQL's three are two here, as
// EventStoreDB has no group commit to switch off: one client (one store, one connection, every
// append of a race in flight at once), and four stores in four child processes (four clients,
// four connections: what four service instances are).
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEventStoreDbEventStore } from '../../../src/eventstoredb/index.js';
import type { MakeRaceArrangement, OutOfOrderLoad, RaceAppend, RaceArrangement, RaceOutcome } from '../../contract/race/arrangement.js';
import { runAppend, runOutOfOrder } from './run.js';
import type { FromWorker, ToWorker, WorkerJob } from './worker.js';

export function oneClient(connectionString: string): MakeRaceArrangement {
  return async () => {
    const store = await createEventStoreDbEventStore({ connectionString });
    return {
      name: 'one client',
      instances: 1,
      store,
      race: (appends) => Promise.all(appends.map((a) => runAppend(store, a))),
      outOfOrder: (load) => runOutOfOrder(store, load, load.events),
      close: () => store.close(),
    };
  };
}

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

class Worker {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<string, (m: FromWorker) => void>();

  constructor() {
    this.#child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.on('message', (m: FromWorker) => {
      const key = 'job' in m ? `${m.type}:${m.job}` : m.type;
      const resolve = this.#waiting.get(key);
      this.#waiting.delete(key);
      resolve?.(m);
    });
    this.#child.on('exit', (code) => {
      for (const resolve of this.#waiting.values()) resolve({ type: 'done', job: -1, error: `worker exited with ${code}` });
      this.#waiting.clear();
    });
  }

  request(message: ToWorker, answer: string): Promise<FromWorker> {
    return new Promise((resolve) => {
      this.#waiting.set(answer, resolve);
      this.#child.send(message);
    });
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill();
  }
}

let jobs = 0;

export function fourProcesses(connectionString: string): MakeRaceArrangement {
  return async () => {
    const store = await createEventStoreDbEventStore({ connectionString });
    const workers = Array.from({ length: 4 }, () => new Worker());
    const opened = await Promise.all(workers.map((w) => w.request({ type: 'open', connectionString }, 'opened')));
    const failedToOpen = opened.find((m) => 'error' in m && m.error !== undefined);
    if (failedToOpen) {
      for (const w of workers) w.kill();
      await store.close();
      throw new Error(`a worker could not open its store: ${'error' in failedToOpen ? failedToOpen.error : ''}`);
    }

    /** Every worker gets its job, says it is ready; then all are told to go at once. */
    async function runAll(work: (worker: number) => WorkerJob): Promise<Array<FromWorker & { type: 'done' }>> {
      const job = (jobs += 1);
      await Promise.all(workers.map((w, i) => w.request({ type: 'prepare', job, work: work(i) }, `ready:${job}`)));
      const done = workers.map((w) => w.request({ type: 'go', job }, `done:${job}`));
      const answers = (await Promise.all(done)) as Array<FromWorker & { type: 'done' }>;
      const failed = answers.find((a) => a.error !== undefined);
      if (failed) throw new Error(`a worker failed: ${failed.error}`);
      return answers;
    }

    const arrangement: RaceArrangement = {
      name: 'four clients in four processes',
      instances: 4,
      store,
      async race(appends: readonly RaceAppend[]): Promise<RaceOutcome[]> {
        const writerOf = (a: RaceAppend, i: number) => (a.writer ?? i) % 4;
        const answers = await runAll((w) => ({ kind: 'appends', appends: appends.filter((a, i) => writerOf(a, i) === w) }));
        const next = answers.map(() => 0);
        return appends.map((a, i) => {
          const w = writerOf(a, i);
          const outcome = answers[w]?.outcomes?.[next[w] ?? 0];
          next[w] = (next[w] ?? 0) + 1;
          if (outcome === undefined) throw new Error(`no outcome from worker ${w}`);
          return outcome;
        });
      },
      async outOfOrder(load: OutOfOrderLoad): Promise<string[]> {
        const share = (w: number) => Math.floor(load.events / 4) + (w < load.events % 4 ? 1 : 0);
        const answers = await runAll((w) => ({ kind: 'out-of-order', load, events: share(w) }));
        return answers.flatMap((a) => a.ids ?? []);
      },
      async close() {
        await Promise.all(workers.map((w) => Promise.race([w.request({ type: 'close' }, 'closed'), new Promise((r) => setTimeout(r, 5_000))])));
        for (const w of workers) w.kill();
        await store.close();
      },
    };
    return arrangement;
  };
}
