// A writer in a child process (four-process race arrangement on PostgreSQL, test/contract/race/worker.ts):
// its own store, its own pool, on the database it is given.
import { serveRaceWorker } from '../../contract/race/worker.js';
import { openWorkerStore } from './arrangements.js';

serveRaceWorker(openWorkerStore);
