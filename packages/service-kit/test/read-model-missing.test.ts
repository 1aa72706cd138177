// A read model's table that is not there (a read model not made yet, a runner that failed to start)
// answers 503 problem+json with Retry-After, never a 500, and says nothing about what is missing.
import t from 'tap';
import { sql } from 'kysely';
import { buildApp, PROBLEM_CONTENT_TYPE, pgPoolPlugin } from '@bureau/service-kit';
import { captureLogs } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';

t.test('given a query of a read-model table that does not exist, then 503 with Retry-After, and 200 once it exists', async (t) => {
  const logs = captureLogs();
  const app = await buildApp({ name: 'kit-test', logLevel: 'info', logStream: logs.stream });
  await app.register(pgPoolPlugin, { connectionString: await freshDatabase(t) });
  // A district's list, as a service's query function reads one: from the read model's view.
  app.get<{ Params: { district: string } }>('/districts/:district/work-orders', async (request) => {
    const { rows } = await sql<{ order_no: string }>`SELECT order_no FROM district_work_orders WHERE district_id = ${request.params.district}`.execute(app.db);
    return { workOrders: rows.map((r) => r.order_no) };
  });
  t.teardown(() => app.close());

  const url = '/districts/huadu/work-orders?phone=13800138000';
  const res = await app.inject({ method: 'GET', url, headers: { 'x-request-id': 'ticket-7' } });
  t.equal(res.statusCode, 503);
  t.equal(res.headers['retry-after'], '1');
  t.match(res.headers['content-type'], PROBLEM_CONTENT_TYPE);
  t.same(res.json(), {
    type: 'urn:bureau:problem:read-model-not-ready',
    title: 'Service Unavailable',
    status: 503,
    detail: 'This service is still preparing the records it answers from. Retry shortly with the same request: a command that was recorded after all is recognised by its commandId and not recorded twice.',
    instance: '/districts/huadu/work-orders',
    requestId: 'ticket-7',
  });
  t.notMatch(res.body, /district_work_orders|relation|does not exist|13800138000/, 'neither the table nor the query string');
  const logged = logs.lines.map((line) => JSON.parse(line) as { level: number; msg: string; err?: { code?: string } }).find((l) => l.err?.code === '42P01');
  t.match(logged, { level: 50, msg: 'request failed' }, 'logged as an error, with the SQLSTATE');
  t.notMatch(logs.text(), '13800138000');

  await sql`CREATE TABLE district_work_orders (order_no text, district_id text)`.execute(app.db);
  await sql`INSERT INTO district_work_orders VALUES ('GZ-1', 'huadu'), ('GZ-2', 'baiyun')`.execute(app.db);
  const later = await app.inject({ method: 'GET', url });
  t.equal(later.statusCode, 200);
  t.same(later.json(), { workOrders: ['GZ-1'] });
});
