// The two kinds of arrangement, the same on every store; a backend's test/<backend>/race/arrangements.ts
// says which apply there and how their stores are opened (its store factory).
// - in process: one store, every append of a race in flight at once;
// - four processes: four stores in four child processes (each its own pool or client, as four service
//   instances are), all starting on a "go" after each said it is ready, plus a store of the parent's own.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MakeRaceArrangement, OutOfOrderLoad, RaceAppend, RaceArrangement, RaceOutcome } from './arrangement.js';
import { runAppend, runOutOfOrder, type RaceStore } from './run.js';
import type { FromWorker, OpenRaceStore, ToWorker, WorkerJob } from './worker.js';

export function inProcess(name: string, open: () => Promise<RaceStore>): MakeRaceArrangement {
  return async () => {
    const subject = await open();
    return {
      name,
      instances: 1,
      store: subject.store,
      race: (appends) => Promise.all(appends.map((a) => runAppend(subject, a))),
      outOfOrder: (load) => runOutOfOrder(subject, load, load.events),
      close: () => subject.close(),
    };
  };
}

class Worker<Options> {
  readonly #child: ChildProcess;
  readonly #waiting = new Map<string, (m: FromWorker) => void>();

  constructor(entry: URL) {
    this.#child = fork(fileURLToPath(entry), [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
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

  request(message: ToWorker<Options>, answer: string): Promise<FromWorker> {
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

export interface FourProcesses<Options> {
  readonly name: string;
  /** The backend's worker entry: a module that calls serveRaceWorker with `open`. */
  readonly worker: URL;
  /** How every store is opened, the parent's and each worker's (sent to the workers as they are). */
  readonly open: OpenRaceStore<Options>;
  readonly options: Options;
}

export function fourProcesses<Options>({ name, worker, open, options }: FourProcesses<Options>): MakeRaceArrangement {
  return async () => {
    const subject = await open(options);
    const workers = Array.from({ length: 4 }, () => new Worker<Options>(worker));
    const opened = await Promise.all(workers.map((w) => w.request({ type: 'open', options }, 'opened')));
    const failedToOpen = opened.find((m) => 'error' in m && m.error !== undefined);
    if (failedToOpen) {
      for (const w of workers) w.kill();
      await subject.close();
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
      name,
      instances: 4,
      store: subject.store,
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
        await subject.close();
      },
    };
    return arrangement;
  };
}
