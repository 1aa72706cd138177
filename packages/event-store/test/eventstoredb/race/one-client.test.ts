// The race harness (test/contract/race) on EventStoreDB: one client, every append of a race in flight
// at once. Needs a server: without EVENTSTORE_URL this file says why and plans nothing, as the
// contract run does. Start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb/race
import t from 'tap';
import { raceCases } from '../../contract/race/index.js';
import { eventStoreUrl } from '../server.js';
import { oneClient } from './arrangements.js';

const url = eventStoreUrl(t, 'EventStoreDB race harness (one client)');
if (url !== undefined) raceCases(t, oneClient(url), { outOfOrderEvents: 20_000 });
