// A writer in a child process (four-process race arrangement on EventStoreDB, test/contract/race/worker.ts):
// its own client, its own connection, on the server it is given.
import { serveRaceWorker } from '../../contract/race/worker.js';
import { makeEventStoreDbSubject } from '../subject.js';

serveRaceWorker(makeEventStoreDbSubject);
