// The race arrangements on EventStoreDB (test/contract/race): PostgreSQL's three are two here, as
// EventStoreDB has no group commit to switch off: one client (one store, one connection, every
// append of a race in flight at once), and four stores in four child processes (four clients,
// four connections: what four service instances are). Each store is a contract subject's.
import * as race from '../../contract/race/arrangements.js';
import type { MakeRaceArrangement } from '../../contract/race/arrangement.js';
import { makeEventStoreDbSubject } from '../subject.js';

export function oneClient(connectionString: string): MakeRaceArrangement {
  return race.inProcess('one client', () => makeEventStoreDbSubject(connectionString));
}

export function fourProcesses(connectionString: string): MakeRaceArrangement {
  return race.fourProcesses({ name: 'four clients in four processes', worker: new URL('./worker.ts', import.meta.url), open: makeEventStoreDbSubject, options: connectionString });
}
