// A real OpenID Connect provider (panva's oidc-provider) in the test process, standing in for the bureau's
// identity provider: one public client (the console: PKCE, no secret, redirect back to its `/`), its
// development sign-in page (any password) for the accounts given, and access tokens as JWTs for the
// console's audience carrying the claims the services read (`role`, `org`, `name`), signed with a key it
// publishes in its JWKS.
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type JWK } from 'oidc-provider';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export interface StaffAccount {
  readonly role: string;
  readonly org: string;
  readonly name: string;
}

/** The resource indicator the console's tokens are for (an absolute URI, as resource indicators must be). */
const CONSOLE_RESOURCE = 'urn:bureau:console';

/**
 * The provider's address first (the console is configured with it), then `admit(consoleUrl)` registers the
 * console (its redirect URI is its own address, known once it listens) and starts answering.
 */
export async function startIdentityProvider(t: Teardown, options: { clientId: string; accounts: Readonly<Record<string, StaffAccount>> }) {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise((resolve) => server.close(resolve)));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = { ...(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }) as JWK), kid: randomUUID(), use: 'sig', alg: 'RS256' };
  const accountOf = (sub: string) => options.accounts[sub];

  const admit = (consoleUrl: string) => {
    const provider = new Provider(issuer, {
      clients: [{
        client_id: options.clientId, token_endpoint_auth_method: 'none', redirect_uris: [`${consoleUrl}/`],
        grant_types: ['authorization_code'], response_types: ['code'],
      }],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomUUID()] },
      pkce: { required: () => true },
      features: {
        devInteractions: { enabled: true },
        resourceIndicators: {
          enabled: true,
          // The console names no resource: every token it gets is for the console's audience, as a JWT.
          defaultResource: async () => CONSOLE_RESOURCE,
          useGrantedResource: async () => true,
          getResourceServerInfo: async () => ({ scope: 'openid profile', audience: options.clientId, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
        },
      },
      claims: { openid: ['sub'], profile: ['name', 'role', 'org'] },
      findAccount: async (_ctx, sub) => {
        const account = accountOf(sub);
        return account ? { accountId: sub, claims: async () => ({ sub, ...account }) } : undefined;
      },
      extraTokenClaims: async (_ctx, token) => {
        const account = 'accountId' in token && typeof token.accountId === 'string' ? accountOf(token.accountId) : undefined;
        return account ? { role: account.role, org: account.org, name: account.name } : undefined;
      },
    });
    server.on('request', provider.callback());
    return provider;
  };
  return { issuer, signingKey, admit };
}
