// The console's own server, without a browser: the page, bundle and fonts it serves; the development
// sign-in (only outside production, only the demo city's users); the calls passed to a service with the
// caller's token, query and body, and the answer passed back as it came; what it refuses.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@bureau/service-kit';
import { captureLogs, signTestToken } from '@bureau/service-kit/testing';
import t from 'tap';
import { buildConsoleApp } from '../src/app.js';
import { devSignInOn, loadConfig } from '../src/config.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

const JWT_SECRET = 'console-app-test-secret-0123456789abcdef';

/** A stand-in service that records what reached it and answers with a fixed problem or body. */
async function recordingService(t: Teardown) {
  const seen: Array<{ method: string; url: string; authorization: string | undefined; body: string; contentType: string | undefined; minPosition: string | undefined }> = [];
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const minPosition = request.headers['x-min-position'];
      seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body, contentType: request.headers['content-type'], minPosition: typeof minPosition === 'string' ? minPosition : undefined });
      if (request.url?.startsWith('/refuse')) {
        response.writeHead(422, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'x', title: 'Unprocessable', status: 422, rule: 'already_replied' }));
      } else {
        response.writeHead(200, { 'content-type': 'application/json', etag: '"3"', 'x-event-position': '7/7' }).end('{"ok":true}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function consoleWith(t: Teardown, env: Record<string, string> = {}) {
  const app = await buildConsoleApp(loadConfig({ JWT_SECRET, CITY_ID: 'gz', LOG_LEVEL: 'warn', ...env }), { logStream: captureLogs().stream });
  t.teardown(() => app.close());
  return app;
}

t.test('the page, its bundle and the fonts are served without a network', async (t) => {
  const app = await consoleWith(t);
  const page = await app.inject({ url: '/' });
  t.equal(page.statusCode, 200);
  t.match(page.body, /<html lang="zh-CN">/);
  const version = /app\.js\?v=([0-9a-f]{12})/.exec(page.body)?.[1];
  t.ok(version, 'the bundle is versioned by its digest');
  const bundle = await app.inject({ url: `/app.js?v=${version}` });
  t.equal(bundle.statusCode, 200);
  t.ok(bundle.body.length > 10_000, 'the bundle is built');
  const fonts = await app.inject({ url: '/fonts/noto-sans-sc.css' });
  const file = /url\(\/fonts\/files\/([^)]+)\)/.exec(fonts.body)?.[1] ?? '';
  t.match(file, /^noto-sans-sc-.*\.woff2$/);
  const woff2 = await app.inject({ url: `/fonts/files/${file}` });
  t.equal(woff2.statusCode, 200);
  t.equal(woff2.headers['content-type'], 'font/woff2');
  t.equal((await app.inject({ url: '/fonts/files/..%2F400.css' })).statusCode, 400, 'only font files, by name');
});

t.test('the development sign-in: the demo city\'s users only, and never in production', async (t) => {
  const app = await consoleWith(t);
  const users = (await app.inject({ url: '/dev/users' })).json() as { users: Array<{ role: string; organisationId: string }> };
  t.ok(users.users.some((u) => u.role === 'station_clerk' && u.organisationId === 'baiyun-station-jingtai'));
  const signed = await app.inject({ method: 'POST', url: '/dev/sign-in', payload: { role: 'centre_staff', organisationId: 'huadu-plsc' } });
  t.equal(signed.statusCode, 200);
  const claims = JSON.parse(Buffer.from(String(signed.json().token).split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
  t.match(claims, { role: 'centre_staff', org: 'huadu-plsc', sub: 'demo-centre_staff-huadu-plsc' });
  const made = await app.inject({ method: 'POST', url: '/dev/sign-in', payload: { role: 'city_administrator', organisationId: 'huadu-plsc' } });
  t.equal(made.statusCode, 400, 'no role at an organisation where it does not work');
  t.match(made.json(), { errors: [{ field: 'body.role' }] });

  const production = await consoleWith(t, { NODE_ENV: 'production' });
  t.equal((await production.inject({ url: '/dev/users' })).statusCode, 404, 'not registered in production');
  t.same((await production.inject({ url: '/console-config.json' })).json(), { development: false });
  t.throws(() => loadConfig({ JWT_SECRET, CITY_ID: 'gz', NODE_ENV: 'production', CONSOLE_DEV_SIGN_IN: 'true' }), ConfigError);
  t.equal(devSignInOn(loadConfig({ CITY_ID: 'gz', OIDC_ISSUER: 'https://id.example.gov.cn', OIDC_AUDIENCE: 'console' })), false, 'no secret, no development sign-in');
  const oidc = await consoleWith(t, { NODE_ENV: 'production', OIDC_ISSUER: 'https://id.example.gov.cn/realms/bureau', OIDC_AUDIENCE: 'console' });
  t.same((await oidc.inject({ url: '/console-config.json' })).json(), { development: false, oidc: { issuer: 'https://id.example.gov.cn/realms/bureau', clientId: 'console' } });
});

t.test("calls pass to the service with the caller's token, query and body; answers come back as they were", async (t) => {
  const service = await recordingService(t);
  const app = await consoleWith(t, { HOTLINE_URL: service.url, LEGAL_AID_URL: 'http://127.0.0.1:9' });
  const authorization = `Bearer ${signTestToken(JWT_SECRET, { sub: 's1', role: 'centre_staff', org: 'huadu-plsc' })}`;

  const read = await app.inject({ url: '/api/hotline/worklist?overdue=true', headers: { authorization } });
  // The position of the person's last act goes on, so a read model answers once it has applied it.
  const caughtUp = await app.inject({ url: '/api/hotline/worklist', headers: { authorization, 'x-min-position': '7/7' } });
  t.equal(caughtUp.statusCode, 200);
  t.equal(read.statusCode, 200);
  t.equal(read.headers.etag, '"3"');
  t.equal(read.headers['x-event-position'], '7/7');
  t.same(read.json(), { ok: true });
  const write = await app.inject({ method: 'POST', url: '/api/hotline/refuse/sign-for', headers: { authorization, 'content-type': 'application/json' }, payload: '{"commandId":"c1"}' });
  t.equal(write.statusCode, 422, "the service's problem passed back");
  t.equal(write.headers['content-type'], 'application/problem+json');
  t.match(write.json(), { rule: 'already_replied' });
  t.match(service.seen, [
    { method: 'GET', url: '/worklist?overdue=true', authorization, minPosition: undefined },
    { method: 'GET', url: '/worklist', authorization, minPosition: '7/7' },
    { method: 'POST', url: '/refuse/sign-for', authorization, body: '{"commandId":"c1"}', contentType: 'application/json' },
  ]);

  t.equal((await app.inject({ url: '/api/hotline/worklist' })).statusCode, 401, 'no token: refused here, nothing passed on');
  t.equal((await app.inject({ url: '/api/hotline/worklist', headers: { authorization: `Bearer ${signTestToken('another-secret-0123456789abcdefghij', { sub: 's', role: 'centre_staff', org: 'huadu-plsc' })}` } })).statusCode, 401, 'a forged token');
  t.equal((await app.inject({ url: '/api/nowhere/x', headers: { authorization } })).statusCode, 404, 'no such service');
  t.equal(service.seen.length, 3, 'none of those reached the service');
  const away = await app.inject({ url: '/api/legal-aid/worklist', headers: { authorization } });
  t.equal(away.statusCode, 503, 'a service that does not answer: 503');
  t.match(away.json(), { status: 503, service: 'legal-aid' });
});
