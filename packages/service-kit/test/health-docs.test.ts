import t from 'tap';
import { buildApp, pgPoolPlugin } from '@bureau/service-kit';
import { freshDatabase } from '@bureau/testing';
import { z } from 'zod';

async function appWithDatabase(connectionString: string) {
  const app = await buildApp({ name: 'kit-test', version: '1.2.3', logLevel: 'silent' });
  await app.register(pgPoolPlugin, { connectionString, connectionTimeoutMillis: 1_000 });
  app.post('/notes', { schema: { tags: ['notes'], body: z.object({ text: z.string() }), response: { 201: z.object({ id: z.string() }) } } }, async (_req, reply) =>
    reply.code(201).send({ id: 'n-1' }),
  );
  return app;
}

t.test('given a reachable database, then /healthz and /readyz answer 200', async (t) => {
  const app = await appWithDatabase(await freshDatabase(t));
  t.teardown(() => app.close());
  const health = await app.inject({ method: 'GET', url: '/healthz' });
  t.equal(health.statusCode, 200);
  t.same(health.json(), { status: 'alive' });
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 200);
  t.same(ready.json(), { status: 'ready', checks: { database: 'up' } });
});

t.test('given an unreachable database, then /readyz is a 503 problem while /healthz stays 200', async (t) => {
  // Port 1 on loopback: nothing listens there, so connecting fails at once.
  const app = await appWithDatabase('postgres://nobody:nothing@127.0.0.1:1/none');
  t.teardown(() => app.close());
  const ready = await app.inject({ method: 'GET', url: '/readyz' });
  t.equal(ready.statusCode, 503);
  t.match(ready.headers['content-type'], 'application/problem+json');
  t.match(ready.json(), { status: 503, type: 'urn:bureau:problem:service-unavailable', checks: { database: 'down' } });
  t.notMatch(ready.body, /127\.0\.0\.1|ECONNREFUSED|nobody/, 'connection details stay in the log');
  t.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
});

t.test('given routes with zod schemas, then /docs/json describes them and /docs serves the UI', async (t) => {
  const app = await appWithDatabase(await freshDatabase(t));
  t.teardown(() => app.close());
  const res = await app.inject({ method: 'GET', url: '/docs/json' });
  t.equal(res.statusCode, 200);
  const doc = res.json();
  t.match(doc, { openapi: /^3\.1/, info: { title: 'kit-test', version: '1.2.3' } });
  t.ok(doc.paths['/notes']?.post, 'the route is documented');
  t.match(doc.paths['/notes'].post.requestBody.content['application/json'].schema, { type: 'object', required: ['text'] });
  t.ok(doc.paths['/notes'].post.responses['201'], 'with its response');
  t.ok(doc.components.securitySchemes.bearerAuth);
  const ui = await app.inject({ method: 'GET', url: '/docs/' });
  t.equal(ui.statusCode, 200);
  t.match(ui.headers['content-type'], 'text/html');
});

t.test('given the app closes, then the pool it owns is ended', async (t) => {
  const app = await appWithDatabase(await freshDatabase(t));
  await app.ready();
  const pool = app.pg;
  await app.close();
  t.equal(pool.ended, true);
});
