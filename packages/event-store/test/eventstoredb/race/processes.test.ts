// The race harness (test/contract/race) on EventStoreDB: four clients in four child processes, one
// server. Needs a server: without EVENTSTORE_URL this file says why and plans nothing, as the contract
// run does. Start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb/race
import t from 'tap';
import { raceCases } from '../../contract/race/index.js';
import { eventStoreUrl } from '../server.js';
import { fourProcesses } from './arrangements.js';

const url = eventStoreUrl(t, 'EventStoreDB race harness (four processes)');
if (url !== undefined) raceCases(t, fourProcesses(url), { outOfOrderEvents: 8_000 });
