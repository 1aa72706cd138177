// The shared event store contract, run against a real EventStoreDB (KurrentDB) server. No server can
// run where `npm test` usually runs, so without EVENTSTORE_URL this file says why and plans nothing;
// start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb
import t from 'tap';
import { runEventStoreContract } from '../contract/index.js';
import { eventStoreUrl } from './server.js';
import { makeEventStoreDbSubject } from './subject.js';

const url = eventStoreUrl(t, 'EventStoreDB contract');

if (url !== undefined) {
  // Every case works in categories of its own (uniqueCategory), so subjects on one server do not
  // see each other's streams; each subject gets its own client.
  runEventStoreContract(t, 'EventStoreDB', () => makeEventStoreDbSubject(url));
}
