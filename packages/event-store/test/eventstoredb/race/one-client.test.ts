// The race harness (test/contract/race) on EventStoreDB: one client, every append of a race in flight
// at once. Needs a server: without EVENTSTORE_URL this file says why and plans nothing, as the
// contract run does. Start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb/race
import t from 'tap';
import { raceCases } from '../../contract/race/index.js';
import { oneClient } from './arrangements.js';

const url = process.env.EVENTSTORE_URL;

if (url === undefined || url === '') {
  t.comment('EventStoreDB race harness (one client) skipped: EVENTSTORE_URL not set (start infra/docker-compose.yml)');
  t.plan(0, 'EVENTSTORE_URL not set: the EventStoreDB race harness (one client) did not run');
} else {
  raceCases(t, oneClient(url), { outOfOrderEvents: 20_000 });
}
