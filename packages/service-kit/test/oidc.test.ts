// Tokens from the bureau's identity provider (OpenID Connect): keys from its JWKS, found through its
// discovery document, beside the development secret. A real HTTP server plays the provider.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import t from 'tap';
import { access, buildApp } from '@bureau/service-kit';
import { ownOrganisationOnly, signTestToken } from '@bureau/service-kit/testing';

const SECRET = 'dev-secret-that-is-long-enough-0123456789';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function rs256(privateKey: KeyObject, kid: string, claims: object): string {
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iat: now(), exp: now() + 600, ...claims })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

t.test('OpenID Connect tokens beside the development secret', async (t) => {
  const first = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const rotated = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let published = [{ ...first.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }];
  const requests: string[] = [];
  const provider = createServer((req, res) => {
    requests.push(req.url ?? '');
    const base = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    const body = req.url === '/realms/bureau/.well-known/openid-configuration'
      ? { issuer: `${base}/realms/bureau`, jwks_uri: `${base}/realms/bureau/certs` }
      : { keys: published };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }).listen(0, '127.0.0.1');
  await once(provider, 'listening');
  t.teardown(() => new Promise((r) => provider.close(r)));
  const issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/realms/bureau`;
  const audience = 'bureau-platform';

  const app = await buildApp({ name: 'kit-test', logLevel: 'silent', auth: { jwtSecret: SECRET, oidc: { issuer, audience, refetchAfterMs: 0 } } });

  app.useReachResolver(ownOrganisationOnly);
  app.get('/who', { config: access({ centre_staff: 'organisation' }) }, async (request) => request.actor);
  t.teardown(() => app.close());
  const who = (token: string) => app.inject({ method: 'GET', url: '/who', headers: { authorization: `Bearer ${token}` } });
  const staff = { sub: 'u-oidc', role: 'centre_staff', org: 'district-tianhe', iss: issuer, aud: [audience, 'account'] };

  const ok = await who(rs256(first.privateKey, 'k1', staff));
  t.equal(ok.statusCode, 200, ok.body);
  t.same(ok.json(), { id: 'u-oidc', role: 'centre_staff', organisation: 'district-tianhe' });
  t.ok(requests.includes('/realms/bureau/.well-known/openid-configuration'), 'the keys were found through discovery');

  t.equal((await who(signTestToken(SECRET, { sub: 'dev', role: 'centre_staff', org: 'huadu-plsc' }))).statusCode, 200, 'development tokens still work');
  t.equal((await who(rs256(first.privateKey, 'k1', { ...staff, iss: 'https://elsewhere.example/realms/x' }))).statusCode, 401, 'another issuer');
  t.equal((await who(rs256(first.privateKey, 'k1', { ...staff, aud: 'another-client' }))).statusCode, 401, 'another audience');
  t.equal((await who(rs256(rotated.privateKey, 'k1', staff))).statusCode, 401, 'signed by a key that is not the published one');
  t.equal((await who(rs256(first.privateKey, 'k1', { ...staff, exp: now() - 60 }))).statusCode, 401, 'expired');

  // The provider rotates its keys: a token naming the new key id fetches the set again.
  published = [...published, { ...rotated.publicKey.export({ format: 'jwk' }), kid: 'k2', use: 'sig', alg: 'RS256' }];
  t.equal((await who(rs256(rotated.privateKey, 'k2', staff))).statusCode, 200, 'a rotated key is picked up');
  t.equal((await who(rs256(rotated.privateKey, 'k9', staff))).statusCode, 401, 'an unknown key id');

  // An HS256 token "signed" with a published key's PEM as the secret is not the secret's.
  const pem = first.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  t.equal((await who(signTestToken(pem, { sub: 'x', role: 'centre_staff', org: 'huadu-plsc' }))).statusCode, 401, 'no key confusion');
});

t.test('refetching the keys is rate-limited: made-up key ids do not flood the provider', async (t) => {
  let fetches = 0;
  const provider = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [] }));
  }).listen(0, '127.0.0.1');
  await once(provider, 'listening');
  t.teardown(() => new Promise((r) => provider.close(r)));
  const jwksUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/certs`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const app = await buildApp({ name: 'kit-test', logLevel: 'silent', auth: { oidc: { issuer: 'https://idp.example/realms/bureau', audience: 'bureau-platform', jwksUrl } } });
  app.useReachResolver(ownOrganisationOnly);
  app.get('/who', { config: access({ centre_staff: 'organisation' }) }, async (request) => request.actor);
  t.teardown(() => app.close());
  for (let i = 0; i < 20; i++) {
    const token = rs256(privateKey, `made-up-${i}`, { sub: 'x', role: 'centre_staff', org: 'o', iss: 'https://idp.example/realms/bureau', aud: 'bureau-platform' });
    t.equal((await app.inject({ method: 'GET', url: '/who', headers: { authorization: `Bearer ${token}` } })).statusCode, 401);
  }
  t.equal(fetches, 1, 'one fetch for twenty unknown key ids within the refetch interval');
});
