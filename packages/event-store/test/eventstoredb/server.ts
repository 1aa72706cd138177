// The server the EventStoreDB integration tests (contract, race harness) need. None can run where
// `npm test` usually runs, so without EVENTSTORE_URL a test file says why and plans nothing; start one
// with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- packages/event-store/test/eventstoredb
import type { TapTest } from '../contract/index.js';

/** EVENTSTORE_URL; or, when it is not set, undefined once `t` has said that `what` did not run. */
export function eventStoreUrl(t: TapTest, what: string): string | undefined {
  const url = process.env.EVENTSTORE_URL;
  if (url !== undefined && url !== '') return url;
  t.comment(`${what} skipped: EVENTSTORE_URL not set (start infra/docker-compose.yml)`);
  t.plan(0, `EVENTSTORE_URL not set: the ${what} did not run`);
  return undefined;
}
