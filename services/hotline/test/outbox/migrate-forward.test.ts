// A deployment that already has the hotline's outbox, from before it became @bureau/outbox, moves
// forward with nothing lost: the table made by the hotline's own migrations holds messages delivered,
// pending, in flight (a claim whose process is gone) and dead, with the reply of the dead one's order
// waiting behind it. The new code migrates the table in place; every message owed is delivered exactly
// once, nothing delivered is sent again, and the dead letter stays dead and now holds its order's reply
// until staff retry it.
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import type { RecordedEvent } from '@bureau/event-store';
import { outboxMigrator } from '@bureau/outbox';
import { freshDatabase } from '@bureau/testing';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import t from 'tap';
import { toWorkOrderEvent } from '../../src/domain/index.js';
import { outboundMessageOf } from '../../src/outbox/index.js';
import { eventually, local, platformId, startCentre, startPlatform, streamEvents, workOrders } from './support.js';

type OldStatus = 'pending' | 'delivered' | 'dead';

t.test('given the old outbox table with messages in every state, when the new code starts, then each owed message is delivered once and the dead letter holds its order', async (t) => {
  const databaseUrl = await freshDatabase(t, 'outbox');
  const { platform, baseUrl } = await startPlatform(t);
  await platform.dispatch({ orderNo: 'GZ2025110300101' });
  await platform.dispatch({ orderNo: 'GZ2025110300102' });
  // GZ…103 is unknown to the platform: its sign-for was refused (404) under the old code.

  // The work orders, as the old code saw them.
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  t.teardown(() => store.close());
  const orders = workOrders(store);
  const a = await orders.dispatch('GZ2025110300101', local('2025-11-03 10:00'));
  const b = await orders.dispatch('GZ2025110300102', local('2025-11-03 10:01'));
  const c = await orders.dispatch('GZ2025110300103', local('2025-11-03 10:02'));
  await orders.signFor(a, local('2025-11-03 10:10'));
  await orders.signFor(b, local('2025-11-03 10:11'));
  await orders.signFor(c, local('2025-11-03 10:12'));
  await orders.reply(a, local('2025-11-05 16:00'));
  await orders.reply(c, local('2025-11-05 16:01'));
  const owed = async (workOrderId: string) => (await streamEvents(store, workOrderId)).filter((e) => outboundMessageOf(toWorkOrderEvent(e)!) !== undefined);
  const [aSignFor, aReply] = await owed(a);
  const [bSignFor] = await owed(b);
  const [cSignFor, cReply] = await owed(c);
  if (!aSignFor || !aReply || !bSignFor || !cSignFor || !cReply) throw new Error('five messages owed');

  // The old schema, made by the hotline's own two migrations (their names and DDL are the package's first two).
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) });
  t.teardown(() => db.destroy());
  t.equal((await outboxMigrator(db, 'hotline_outbox').migrateTo('20261206T000000_plans_that_survive_stale_statistics')).error, undefined, 'the old schema');
  const old = async (event: RecordedEvent, workOrderId: string, orderNo: string, status: OldStatus, extra: { claimed?: boolean; attempts?: number } = {}) => {
    const message = outboundMessageOf(toWorkOrderEvent(event)!)!;
    const past = new Date(Date.now() - 60_000);
    await sql`
      INSERT INTO hotline_outbox (idempotency_key, event_type, work_order_id, platform_id, order_no, action, body, status, attempts,
                                  next_attempt_at, budget_started_at, created_at, claim_token, delivered_at, dead_at, dead_reason, last_status)
      VALUES (${event.id}, ${event.type}, ${workOrderId}, ${platformId}, ${orderNo}, ${message.action}, ${JSON.stringify(message.body)}, ${status},
              ${extra.attempts ?? (status === 'pending' ? 0 : 1)}, ${past}, ${past}, ${past},
              ${extra.claimed ? sql`gen_random_uuid()` : null}, ${status === 'delivered' ? past : null},
              ${status === 'dead' ? past : null}, ${status === 'dead' ? 'rejected' : null}, ${status === 'dead' ? 404 : status === 'delivered' ? 200 : null})`.execute(db);
  };
  await old(aSignFor, a, 'GZ2025110300101', 'delivered');
  await old(aReply, a, 'GZ2025110300101', 'pending');
  // Claimed by a process that died mid-try: its lease (next_attempt_at) is over.
  await old(bSignFor, b, 'GZ2025110300102', 'pending', { claimed: true, attempts: 1 });
  await old(cSignFor, c, 'GZ2025110300103', 'dead');
  // Queued behind the dead sign-for; under the old code it would have gone ahead (the ordering gap).
  await old(cReply, c, 'GZ2025110300103', 'pending');

  // The new code starts on it (its reactor replays every event: nothing may be queued twice).
  const centre = await startCentre(t, databaseUrl, baseUrl);
  const supervisor = centre.token('centre_supervisor');
  const get = async (url: string) => (await centre.app.inject({ method: 'GET', url, headers: { authorization: supervisor } })).json();
  await eventually(() => platform.received().length >= 2, 60_000, 'the two messages owed to known orders');
  await eventually(async () => (await get('/outbox/stats')).delivered === 3, 60_000, 'recorded');
  await new Promise((resolve) => setTimeout(resolve, 400)); // room for a duplicate to show up
  const keys = () => platform.attempts().map((x) => x.idempotencyKey);
  t.same(keys().sort(), [aReply.id, bSignFor.id].sort(), 'the pending reply and the orphaned claim, once each; nothing delivered before is sent again');
  t.match(await get('/outbox/stats'), { pending: 1, delivered: 3, dead: 1, held: 1 });
  const { items } = await get('/outbox/dead-letters');
  t.match(items, [{ id: cSignFor.id, workOrderId: c, orderNo: 'GZ2025110300103', action: 'sign-for', status: 'dead', deadReason: 'rejected', lastStatus: 404, held: 1 }], 'the dead letter stays dead and holds its reply');
  t.equal((await sql<{ n: string }>`SELECT count(*) AS n FROM hotline_outbox`.execute(db)).rows[0]?.n, '5', 'no row added by the replay, none lost');

  // The platform learns of the order; staff retry the dead sign-for: it goes first, then the reply.
  await platform.dispatch({ orderNo: 'GZ2025110300103' });
  await centre.app.inject({ method: 'POST', url: `/outbox/dead-letters/${cSignFor.id}/retry`, headers: { authorization: supervisor } });
  await eventually(() => platform.received().length === 4, 60_000, 'the retried sign-for and its reply');
  t.same(platform.received().filter((x) => x.orderNo === 'GZ2025110300103').map((x) => x.idempotencyKey), [cSignFor.id, cReply.id], 'in order');
  await eventually(async () => (await get('/outbox/stats')).delivered === 5, 60_000, 'all recorded');
  t.equal(new Set(platform.received().map((x) => x.idempotencyKey)).size, platform.received().length, 'each applied once');
});
