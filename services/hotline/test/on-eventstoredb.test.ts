// The hotline on EventStoreDB, as deployed: EVENTSTORE_URL set, the read models in PostgreSQL fed from its
// $all. No server can run where `npm test` usually runs, so without EVENTSTORE_URL this file says why and
// plans nothing; with Docker: `docker compose -f infra/docker-compose.yml up -d`, then
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- services/hotline/test/on-eventstoredb.test.ts
// The server is shared between runs: each run uses order numbers of its own and looks only at its orders.
import { randomUUID } from 'node:crypto';
import { eventually } from '@bureau/testing';
import t from 'tap';
import { hotlineFixture } from './support/app.js';

const url = process.env.EVENTSTORE_URL;
if (url === undefined || url === '') {
  t.comment('the hotline on EventStoreDB skipped: EVENTSTORE_URL not set (start infra/docker-compose.yml)');
  t.plan(0, 'EVENTSTORE_URL not set: the hotline on EventStoreDB did not run');
} else {
  t.test('a work order on EventStoreDB: dispatched twice, recorded once, signed for, in the read models', async (t) => {
    const f = await hotlineFixture(t, { start: '2026-03-02 10:00', env: { EVENTSTORE_URL: url } });
    t.equal(f.config.EVENTSTORE_URL, url);
    const orderNo = `ESDB-${randomUUID().slice(0, 8)}`;
    const [first, again] = [await f.dispatch(orderNo), await f.dispatch(orderNo)];
    t.equal(first.statusCode, 200, first.body);
    t.equal(again.json().workOrderId, first.json().workOrderId, 'the platform\'s retry names the same order');
    const workOrderId = first.json().workOrderId as string;
    t.same((await f.streamOf(workOrderId)).map((e) => e.type), ['WorkOrderDispatched'], 'one dispatch in the stream, read back from EventStoreDB');
    t.equal((await f.staffPost(workOrderId, 'sign-for')).statusCode, 200);
    await eventually(async () => (await f.get(`/work-orders/${workOrderId}`)).json().status === 'handling', 15_000, 'the read model caught up from $all');
    const timeline = (await f.get(`/work-orders/${workOrderId}/timeline`)).json() as { entries: Array<{ type: string }> }; // read from the stream
    t.same(timeline.entries.map((e) => e.type), ['WorkOrderDispatched', 'WorkOrderSignedFor']);
    const { rows } = await f.app.pg.query<{ table: string | null }>("select to_regclass('event_store.events')::text as table");
    t.equal(rows[0]?.table, null, 'no PostgreSQL event store was made: the events are in EventStoreDB only');
  });
}
