import { generateKeyPairSync, sign } from 'node:crypto';
import t from 'tap';
import { access, buildApp } from '@bureau/service-kit';
import { ownOrganisationOnly, signTestToken } from '@bureau/service-kit/testing';
import { VerifiedTokens } from '../src/auth/verified-tokens.js';
import { TEST_SECRET, testApp } from './fixtures/test-app.js';

const staff = { sub: 'u-17', role: 'centre_staff', org: 'huadu-plsc', name: 'Staff Member' };

t.test('bearer tokens and roles', async (t) => {
  const { app } = await testApp();
  t.teardown(() => app.close());
  const call = (authorization?: string) =>
    app.inject({ method: 'GET', url: '/staff-only', headers: authorization === undefined ? {} : { authorization } });

  t.test('given no token, then 401 problem with a Bearer challenge', async (t) => {
    const res = await call();
    t.equal(res.statusCode, 401);
    t.equal(res.headers['www-authenticate'], 'Bearer');
    t.match(res.headers['content-type'], 'application/problem+json');
    t.equal(res.json().type, 'urn:bureau:problem:unauthorized');
  });

  t.test('given a token signed with another secret, then 401', async (t) => {
    t.equal((await call(`Bearer ${signTestToken('another-secret-that-is-long-enough-000', staff)}`)).statusCode, 401);
  });

  t.test('given an expired token, then 401', async (t) => {
    t.equal((await call(`Bearer ${signTestToken(TEST_SECRET, { ...staff, expiresInSeconds: -60 })}`)).statusCode, 401);
  });

  t.test('given a token without the org claim, then 401 naming the claims', async (t) => {
    const res = await call(`Bearer ${signTestToken(TEST_SECRET, { sub: 'u-1', role: 'centre_staff', org: '' })}`);
    t.equal(res.statusCode, 401);
    t.match(res.json().detail, /sub, role or org/);
  });

  t.test('given an unsigned (alg none) token, then 401', async (t) => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    t.equal((await call(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(staff)}.`)).statusCode, 401);
  });

  t.test('given a valid token of another role, then 403', async (t) => {
    const res = await call(`Bearer ${signTestToken(TEST_SECRET, { ...staff, role: 'auditor' })}`);
    t.equal(res.statusCode, 403);
    t.equal(res.json().type, 'urn:bureau:problem:forbidden');
  });

  t.test('given a valid token of the role, then the actor is known (without the name)', async (t) => {
    const res = await call(`Bearer ${signTestToken(TEST_SECRET, staff)}`);
    t.equal(res.statusCode, 200);
    t.same(res.json(), { actor: { id: 'u-17', role: 'centre_staff', organisation: 'huadu-plsc' } });
  });
});

t.test('given an identity provider public key, then RS256 tokens it signed are accepted and HS256 ones are not', async (t) => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const app = await buildApp({ name: 'kit-test', logLevel: 'silent', auth: { jwtPublicKey: pem } });
  app.useReachResolver(ownOrganisationOnly);
  app.get('/who', { config: access({ auditor: 'organisation' }) }, async (request) => ({ id: request.actor?.id }));
  t.teardown(() => app.close());
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ sub: 'a-1', role: 'auditor', org: 'bureau' })}`;
  const rs256 = `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
  const ok = await app.inject({ method: 'GET', url: '/who', headers: { authorization: `Bearer ${rs256}` } });
  t.equal(ok.statusCode, 200);
  t.same(ok.json(), { id: 'a-1' });
  // The classic confusion attack: an HS256 token "signed" with the public key as the secret.
  const forged = signTestToken(pem, { sub: 'x', role: 'auditor', org: 'bureau' });
  t.equal((await app.inject({ method: 'GET', url: '/who', headers: { authorization: `Bearer ${forged}` } })).statusCode, 401);
});

t.test('verified tokens are kept by their whole text until they expire', async (t) => {
  t.test('given a token kept, then a copy with another signature is verified afresh and refused', async (t) => {
    const { app } = await testApp();
    t.teardown(() => app.close());
    const call = (authorization: string) => app.inject({ method: 'GET', url: '/staff-only', headers: { authorization } });
    const token = signTestToken(TEST_SECRET, staff);
    t.equal((await call(`Bearer ${token}`)).statusCode, 200);
    t.ok(app.verifiedTokens.actorOf(`Bearer ${token}`), 'kept');
    const [header, payload, signature = ''] = token.split('.');
    const forged = `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    t.equal((await call(`Bearer ${forged}`)).statusCode, 401);
    const otherClaims = signTestToken('another-secret-that-is-long-enough-000', { ...staff, role: 'auditor' }).split('.')[1];
    t.equal((await call(`Bearer ${header}.${otherClaims}.${signature}`)).statusCode, 401, 'the kept signature does not vouch for other claims');
    t.equal((await call(`Bearer ${token}`)).statusCode, 200, 'the kept token still admits');
  });

  t.test('given the clock past its exp, its nbf not yet reached, or the longest keeping passed, then it is not kept', async (t) => {
    let now = Date.UTC(2026, 11, 7, 9, 0, 0);
    const tokens = new VerifiedTokens(() => now, 2, 300_000);
    const actor = { id: 'u-17', role: 'centre_staff', organisation: 'huadu-plsc' };
    tokens.keep('a', actor, { exp: now / 1000 + 60 });
    tokens.keep('b', actor, { nbf: now / 1000 + 30 });
    t.same(tokens.actorOf('a'), actor);
    t.equal(tokens.actorOf('b'), undefined, 'not before its nbf');
    now += 30_000;
    t.same(tokens.actorOf('b'), actor);
    now += 30_000;
    t.equal(tokens.actorOf('a'), undefined, 'not at its exp');
    now += 240_000;
    t.equal(tokens.actorOf('b'), undefined, 'not past the longest keeping');
    tokens.keep('c', actor, { exp: now / 1000 - 1 });
    t.equal(tokens.actorOf('c'), undefined, 'an expired one is never kept');
    tokens.keep('d', actor, {});
    tokens.keep('e', actor, {});
    tokens.keep('f', actor, {});
    t.equal(tokens.actorOf('d'), undefined, 'bounded: the oldest out first');
    t.same(tokens.actorOf('f'), actor);
  });
});
