// Sign-in with the bureau's identity provider, in a real browser against a real OpenID Connect provider
// (oidc-provider in this process): the console with no development sign-in sends the person to the
// provider, they sign in there, come back signed in with their role and organisation, and the hotline
// desk works with the provider's access token, which the console and the hotline service verify against
// the provider's JWKS. A token the provider signed for another audience is refused.
import { createPrivateKey, sign } from 'node:crypto';
import { eventually } from '@bureau/testing';
import t from 'tap';
import { hashTo, launchBrowser, newPage, shot } from './support/browser.js';
import { startIdentityProvider } from './support/identity-provider.js';
import { startConsole, startHotline } from './support/platform.js';

const CLIENT_ID = 'bureau-console';

t.test('sign-in with the identity provider, in a browser', async (t) => {
  const provider = await startIdentityProvider(t, {
    clientId: CLIENT_ID,
    accounts: { 'staff-0042': { role: 'centre_staff', org: 'huadu-plsc', name: '李文' } },
  });
  const oidc = { issuer: provider.issuer, audience: CLIENT_ID };
  const [{ platform, url: hotlineUrl }, browser] = await Promise.all([startHotline(t, oidc), launchBrowser(t)]);
  const { url } = await startConsole(t, { hotline: hotlineUrl }, oidc);
  provider.admit(url);
  const order = await platform.dispatch({ category: 'consultation', content: '咨询工伤认定的期限' });

  const page = await newPage(browser);
  await page.goto(`${url}/`);
  const button = page.locator('button:text("统一身份认证登录")');
  await button.waitFor();
  t.equal(await page.locator('.demo-users').count(), 0, 'no development sign-in');
  await shot(page, 'oidc-sign-in');

  await button.click();
  await page.waitForURL(`${provider.issuer}/interaction/**`);
  await page.locator('input[name="login"]').fill('staff-0042');
  await page.locator('input[name="password"]').fill('any');
  await shot(page, 'oidc-provider-login');
  await page.locator('button.login-submit').click();
  // The provider's consent page, for the console's first sign-in.
  await page.locator('button.login-submit:text("Continue")').click();

  await page.locator('header.top .who').waitFor();
  t.equal(new URL(page.url()).origin, url, 'back at the console');
  t.equal(new URL(page.url()).search, '', 'the code and state are gone from the address');
  t.match(await page.locator('header.top .who').textContent(), /花都区公共法律服务中心 · 中心工作人员/, 'their organisation and role shown');
  await shot(page, 'oidc-signed-in');

  const token = String(await page.evaluate('JSON.parse(sessionStorage.getItem("bureau.console.session")).token'));
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
  t.match(header, { alg: 'RS256', kid: provider.signingKey.kid }, 'signed with the key the provider publishes');
  t.match(payload, { iss: provider.issuer, aud: CLIENT_ID, sub: 'staff-0042', role: 'centre_staff', org: 'huadu-plsc' }, 'the provider\'s token, for the console');

  await t.test('the hotline desk works with the provider\'s token', async (t) => {
    const worklist = () => fetch(`${hotlineUrl}/worklist`, { headers: { authorization: `Bearer ${token}` } });
    t.equal((await worklist()).status, 200, 'the hotline service verified it against the provider\'s JWKS');
    await eventually(async () => ((await (await worklist()).json()) as { entries: unknown[] }).entries.length === 1, 10_000, 'the order in the worklist');
    await hashTo(page, '#/hotline');
    await page.locator(`tr[data-order="${order.orderNo}"]`).waitFor();
    await shot(page, 'oidc-hotline-worklist');
  });

  await t.test('a token the provider signed for another audience is refused', async (t) => {
    const key = createPrivateKey({ key: provider.signingKey, format: 'jwk' });
    const elsewhere = [header, { ...payload, aud: 'another-system' }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
    const forged = `${elsewhere}.${sign('sha256', Buffer.from(elsewhere), key).toString('base64url')}`;
    const answers = await Promise.all([`${hotlineUrl}/worklist`, `${url}/api/hotline/worklist`].map((at) => fetch(at, { headers: { authorization: `Bearer ${forged}` } })));
    t.same(answers.map((a) => a.status), [401, 401], 'by the service and by the console');
    const sameButRightAudience = [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
    const resigned = `${sameButRightAudience}.${sign('sha256', Buffer.from(sameButRightAudience), key).toString('base64url')}`;
    t.equal((await fetch(`${hotlineUrl}/worklist`, { headers: { authorization: `Bearer ${resigned}` } })).status, 200, 'the same token for the console\'s audience, signed alike, is taken');
  });
});
