// Keeps one service running under `npm start`: a service that exits when nobody asked it to (a crash, a
// SIGKILL) is started again after a pause that doubles with each quick failure (1 s, 2 s, … 30 s; back
// to 1 s once it has run a minute), and says so. stop() ends it for good: SIGTERM, then SIGKILL if it
// has not closed within the grace period, and resolves once the process is gone, whatever state it is in.
import { spawn } from 'node:child_process';

const FIRST_PAUSE_MS = 1_000;
const LONGEST_PAUSE_MS = 30_000;
const STABLE_AFTER_MS = 60_000;
const GRACE_MS = 15_000;

export class Supervised {
  #child;
  #exited = Promise.resolve();
  #pauseMs = FIRST_PAUSE_MS;
  #restartTimer;
  #stopping = false;

  constructor({ name, args, options, log = console.log }) {
    this.name = name;
    this.args = args;
    this.options = options;
    this.log = log;
  }

  get pid() {
    return this.#child?.pid;
  }

  start() {
    const child = spawn(process.execPath, this.args, this.options);
    const startedAt = Date.now();
    this.#child = child;
    // 'exit' fires once whether the process ended by itself or by a signal; each start has its own promise.
    this.#exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      resolve();
      if (this.#stopping) return;
      this.#pauseMs = Date.now() - startedAt >= STABLE_AFTER_MS ? FIRST_PAUSE_MS : this.#pauseMs;
      const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
      this.log(`[platform] ${this.name} ${how}; restarting in ${this.#pauseMs / 1000} s`);
      this.#restartTimer = setTimeout(() => {
        const again = this.start();
        this.log(`[platform] ${this.name} started again, pid ${again.pid}`);
      }, this.#pauseMs);
      this.#pauseMs = Math.min(this.#pauseMs * 2, LONGEST_PAUSE_MS);
    }));
    return child;
  }

  async stop() {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const child = this.#child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), GRACE_MS);
      await this.#exited;
      clearTimeout(killer);
    }
  }
}
