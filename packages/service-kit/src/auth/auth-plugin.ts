// Bearer-token authentication: verifies the token (HS256 secret, or an identity provider's public
// key) and exposes `request.actor` for the event envelope.
import fastifyJwt from '@fastify/jwt';
import type { Actor } from '@bureau/event-store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../http/problem.js';
import { actorFromClaims, tokenClaimsSchema } from './claims.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by `authenticate` / `requireRoles`; null on routes that do not require a token. */
    actor: Actor | null;
  }
}

export type AuthOptions = { readonly jwtSecret: string } | { readonly jwtPublicKey: string };

const BEARER = /^Bearer\s+\S+$/i;

async function auth(app: FastifyInstance, options: AuthOptions) {
  if ('jwtSecret' in options) {
    await app.register(fastifyJwt, { secret: options.jwtSecret, verify: { algorithms: ['HS256'] } });
  } else {
    await app.register(fastifyJwt, { secret: { public: options.jwtPublicKey }, verify: { algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] } });
  }
  app.decorateRequest('actor', null);
}

export const authPlugin = fp(auth, { name: 'bureau-auth', fastify: '5.x' });

/** Verifies the bearer token once per request and returns who is acting. 401 problem otherwise. */
export async function authenticate(request: FastifyRequest): Promise<Actor> {
  if (request.actor) return request.actor;
  if (!BEARER.test(request.headers.authorization ?? '')) throw unauthorized('Send a bearer token in the Authorization header.');
  let payload: unknown;
  try {
    payload = await request.jwtVerify();
  } catch {
    throw unauthorized('The bearer token is invalid or has expired.');
  }
  const claims = tokenClaimsSchema.safeParse(payload);
  if (!claims.success) throw unauthorized('The bearer token lacks its sub, role or org claim.');
  request.actor = actorFromClaims(claims.data);
  return request.actor;
}

/**
 * A hook admitting only the given roles (403 otherwise). Use it as `onRequest`, so a caller without
 * a valid token learns nothing about the route's input rules.
 */
export function requireRoles(...roles: readonly string[]) {
  return async function requireRole(request: FastifyRequest): Promise<void> {
    const actor = await authenticate(request);
    if (!roles.includes(actor.role)) throw forbidden(`This action needs one of the roles: ${roles.join(', ')}.`);
  };
}

/** The authenticated actor of a request that passed `requireRoles`/`authenticate`. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized('This action needs an authenticated caller.');
  return request.actor;
}
