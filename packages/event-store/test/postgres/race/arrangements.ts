// The three race arrangements on one database (test/contract/race): one store with group commit on, one
// with it off (every append its own transaction, 40 connections so that 32 really race), and four stores
// in four child processes (separate pools, separate processes; group commit on, as a service runs it).
// Each store is a contract subject's, with a pool of the arrangement's size.
import * as race from '../../contract/race/arrangements.js';
import type { MakeRaceArrangement } from '../../contract/race/arrangement.js';
import { makePostgresSubject, type PostgresSubjectOptions } from '../subject.js';

export function inProcess(connectionString: string, groupCommit: boolean): MakeRaceArrangement {
  return race.inProcess(`one store, group commit ${groupCommit ? 'on' : 'off'}`, () => makePostgresSubject(connectionString, { poolSize: 40, groupCommit }));
}

/** What a worker is told to open its store with (it crosses to the child process as it is). */
export interface WorkerStore extends PostgresSubjectOptions {
  readonly connectionString: string;
}

export const openWorkerStore = ({ connectionString, ...options }: WorkerStore) => makePostgresSubject(connectionString, options);

export function fourProcesses(connectionString: string): MakeRaceArrangement {
  return race.fourProcesses({ name: 'four stores in four processes', worker: new URL('./worker.ts', import.meta.url), open: openWorkerStore, options: { connectionString, poolSize: 10 } });
}
