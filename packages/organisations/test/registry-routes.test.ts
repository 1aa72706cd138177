// The registry kept as events behind HTTP, on a real PostgreSQL: a city administrator registers the city
// and its organisations, renames and closes them; bad shapes are refused with the rule and change nothing;
// a second instance of the service follows the changes.
import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { buildApp, eventStorePlugin, type App } from '@bureau/service-kit';
import { signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { organisationRegistryPlugin, organisationRegistryRoutes } from '../src/index.js';
import { city } from './support.js';

const JWT_SECRET = 'organisations-test-secret-0123456789ab';
const token = (role: string, org = 'gz') => `Bearer ${signTestToken(JWT_SECRET, { sub: `user-${role}`, role, org })}`;

async function registryApp(t: { teardown(fn: () => unknown): void }, databaseUrl: string): Promise<App> {
  const app = await buildApp({ name: 'registry-test', logLevel: 'warn', auth: { jwtSecret: JWT_SECRET } });
  await app.register(eventStorePlugin, { create: () => createPostgresEventStore({ connectionString: databaseUrl }) });
  await app.register(organisationRegistryPlugin, { cityId: 'gz' });
  await app.register(organisationRegistryRoutes, { adminRoles: ['city_administrator'], clock: () => new Date('2026-12-01T02:00:00Z') });
  t.teardown(() => app.close());
  await app.ready();
  return app;
}

t.test('the registry over HTTP', async (t) => {
  const databaseUrl = await freshDatabase(t, 'organisations');
  const one = await registryApp(t, databaseUrl);
  const two = await registryApp(t, databaseUrl);
  const admin = token('city_administrator');
  const post = (url: string, payload: object, authorization = admin) =>
    one.inject({ method: 'POST', url, headers: { authorization }, payload: { commandId: randomUUID(), ...payload } });

  for (const [id, kind, name, parentId] of city) {
    const res = await post('/organisations', { id, kind, name, parentId });
    if (res.statusCode !== 200) t.fail(`${id}: ${res.body}`);
  }
  const listed = (await one.inject({ method: 'GET', url: '/organisations', headers: { authorization: token('centre_staff', 'th-plsc') } })).json();
  t.equal(listed.items.length, city.length, 'anyone signed in reads the registry');
  // Filtered, sorted and paged on the server (the console's registry page asks for a page at a time).
  const list = async (query: string) => (await one.inject({ method: 'GET', url: `/organisations?${query}`, headers: { authorization: admin } })).json();
  t.strictSame((await list('kind=district&sort=name')).items.map((o: { id: string }) => o.id), ['hz', 'th'], 'districts by name: 海珠 before 天河');
  const firstById = await list('sort=id&limit=1');
  t.match(firstById, { total: city.length, previous: null, next: /^\/organisations\?.*cursor=/ });
  t.match(await list(`sort=id&limit=2&cursor=${firstById.nextCursor}`), { total: city.length, items: [{ id: 'gz-bureau' }, { id: 'gz-legal-aid' }], previousCursor: String });
  t.strictSame((await list('kind=district&sort=-name')).items.map((o: { id: string }) => o.id), ['th', 'hz'], 'and the other way');
  t.strictSame((await list('parentId=th-shipai')).items.map((o: { id: string }) => o.id), ['th-shipai-so', 'th-shipai-v1'], 'what sits under a township');
  const badSort = await one.inject({ method: 'GET', url: '/organisations?sort=size', headers: { authorization: admin } });
  t.equal(badSort.statusCode, 400);
  t.match(badSort.json().errors, [{ field: 'querystring.sort' }]);

  t.equal((await post('/organisations', { id: 'yx', kind: 'district', name: '越秀区', parentId: 'gz' }, token('administrator', 'th'))).statusCode, 403, 'a district administrator does not change the city registry');
  const wrong = await post('/organisations', { id: 'th-v9', kind: 'village', name: '某村', parentId: 'th' });
  t.equal(wrong.statusCode, 422);
  t.match(wrong.json(), { rule: 'organisation_parent_kind' });
  const bad = await post('/organisations', { id: 'Bad Id', kind: 'village', name: '', parentId: 'th-shipai' });
  t.equal(bad.statusCode, 400);
  t.same(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['body.id', 'body.name']);

  const renamed = await one.inject({ method: 'PATCH', url: '/organisations/th-shipai-v1', headers: { authorization: admin }, payload: { commandId: randomUUID(), name: '石牌社区' } });
  t.equal(renamed.statusCode, 200);
  const closing = await post('/organisations/hz-nanzhou/close', { reason: '撤并' });
  t.match(closing.json(), { rule: 'organisation_has_open_children' });
  t.equal((await post('/organisations/hz-nanzhou-v1/close', { reason: '撤并' })).statusCode, 200);

  // The second instance hears of every change through its subscription.
  const followed = () => two.organisations.current().organisations.get('hz-nanzhou-v1')?.closed === true;
  for (let i = 0; i < 100 && !followed(); i++) await new Promise((r) => setTimeout(r, 50));
  t.match(two.organisations.current().organisations.get('th-shipai-v1'), { name: '石牌社区' });
  t.match(two.organisations.current().organisations.get('hz-nanzhou-v1'), { closed: true });
  t.equal(two.organisations.current().organisations.size, city.length);
});
