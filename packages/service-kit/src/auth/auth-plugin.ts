// Bearer-token authentication: verifies the token (the HS256 development secret, an identity provider's
// public key, or the bureau's OpenID Connect provider's published keys, any of them side by side) and
// exposes `request.actor` for the event envelope.
import fastifyJwt, { type TokenOrHeader } from '@fastify/jwt';
import type { Actor } from '@bureau/event-store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { unauthorized } from '../http/problem.js';
import { actorFromClaims, tokenClaimsSchema } from './claims.js';
import { issuedFor, JwksKeys, type OidcOptions } from './jwks.js';
import { VerifiedTokens } from './verified-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` (the access plugin calls it for every role-guarded route); null on public routes. */
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Tokens this app has verified, kept until they expire (verified-tokens.ts). */
    verifiedTokens: VerifiedTokens;
  }
}

/** At least one of them. */
export interface AuthOptions {
  /** HS256 secret (development tokens, `npm start`). */
  readonly jwtSecret?: string;
  /** An identity provider's public key (PEM), for tokens without a key id. */
  readonly jwtPublicKey?: string;
  /** The bureau's OpenID Connect provider: tokens with a key id, verified with its published keys. */
  readonly oidc?: OidcOptions;
}

const BEARER = /^Bearer\s+\S+$/i;
const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'EdDSA'] as const;
const isAsymmetric = (alg: unknown): boolean => ASYMMETRIC.some((a) => a === alg);

async function auth(app: FastifyInstance, options: AuthOptions) {
  const { jwtSecret, jwtPublicKey, oidc } = options;
  if (!jwtSecret && !jwtPublicKey && !oidc) throw new Error('auth: configure a JWT secret, a public key or an OpenID Connect provider');
  const jwks = oidc ? new JwksKeys(oidc) : undefined;
  // The key follows the token's header, and each key only ever verifies its own kind of algorithm:
  // an HS256 token is checked against the secret alone, never against a public key used as a secret.
  const keyFor = async (_request: FastifyRequest, token: TokenOrHeader): Promise<string> => {
    // With `decode: { complete: true }` the whole token arrives, header and payload.
    const header = 'header' in token ? token.header : token;
    const payload: unknown = 'payload' in token ? token.payload : undefined;
    const { alg, kid } = header;
    if (alg === 'HS256' && jwtSecret) return jwtSecret;
    if (isAsymmetric(alg)) {
      if (typeof kid === 'string' && jwks && oidc) {
        if (!issuedFor(payload, oidc)) throw new Error('the token is not from the configured provider for this platform');
        return jwks.keyFor(kid);
      }
      if (jwtPublicKey) return jwtPublicKey;
    }
    throw new Error('no key verifies this kind of token here');
  };
  const algorithms = [...(jwtSecret ? (['HS256'] as const) : []), ...(jwtPublicKey || oidc ? ASYMMETRIC : [])];
  await app.register(fastifyJwt, { secret: keyFor, decode: { complete: true }, verify: { algorithms } });
  app.decorateRequest('actor', null);
  app.decorate('verifiedTokens', new VerifiedTokens());
}

export const authPlugin = fp(auth, { name: 'bureau-auth', fastify: '5.x' });

/** Verifies the bearer token once per request and returns who is acting. 401 problem otherwise. */
export async function authenticate(request: FastifyRequest): Promise<Actor> {
  if (request.actor) return request.actor;
  const authorization = request.headers.authorization ?? '';
  if (!BEARER.test(authorization)) throw unauthorized('Send a bearer token in the Authorization header.');
  const kept = request.server.verifiedTokens.actorOf(authorization);
  if (kept) {
    request.actor = kept;
    return kept;
  }
  let payload: unknown;
  try {
    payload = await request.jwtVerify();
  } catch {
    throw unauthorized('The bearer token is invalid or has expired.');
  }
  // Verified with `decode: { complete: true }`: the claims are the payload.
  const verified = typeof payload === 'object' && payload !== null && 'payload' in payload ? payload.payload : payload;
  const claims = tokenClaimsSchema.safeParse(verified);
  if (!claims.success) throw unauthorized('The bearer token lacks its sub, role or org claim.');
  const actor = Object.freeze(actorFromClaims(claims.data));
  request.server.verifiedTokens.keep(authorization, actor, typeof verified === 'object' && verified !== null ? verified : {});
  request.actor = actor;
  return actor;
}

/** The authenticated actor of a role-guarded request. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized('This action needs an authenticated caller.');
  return request.actor;
}
