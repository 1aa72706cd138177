// What every service's token matrix shares: the secret its tokens are signed with, a token for a role at an
// organisation, a call through `inject`, the check that no route of the service is missing from the matrix,
// and the body of a 404 without what differs per request (so "another district's answers as none at all"
// compares the rest, field by field).
import { signTestToken } from '@bureau/service-kit/testing';
import type { FastifyInstance } from 'fastify';

export const JWT_SECRET = 'access-matrix-secret-0123456789abcdef';

export type Where = 'own' | 'other';
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** `token(role, where)` for a role table `{ role: { own: orgId, other: orgId } }`; `subOf` names the person. */
export function tokensFor<R extends string>(roles: Record<R, Record<Where, string>>, subOf: (role: R, where: Where) => string = (role, where) => `${role}-${where}`) {
  return (role: R, where: Where) => bearer({ sub: subOf(role, where), role, org: roles[role][where] });
}

/** A bearer token with the claims given (e.g. an organisation that is not in the registry). */
export function bearer(claims: { sub: string; role: string; org: string }): string {
  return `Bearer ${signTestToken(JWT_SECRET, claims)}`;
}

/** A call to the app: JSON payloads as objects; a string payload goes as is, with its content type. */
export function caller(app: FastifyInstance) {
  return (method: Method, url: string, authorization?: string, payload?: object | string, contentType?: string) =>
    app.inject({
      method,
      url,
      headers: { ...(authorization ? { authorization } : {}), ...(contentType ? { 'content-type': contentType } : {}) },
      ...(payload !== undefined ? { payload } : {}),
    });
}

const KIT_ROUTES = new Set(['GET /healthz', 'GET /readyz', 'GET /livez', 'GET /health', 'GET /ready', 'GET /live']);

/** Routes the service serves (its OpenAPI document) that the matrix does not list. */
export function routesMissingFrom(app: FastifyInstance, matrix: ReadonlyArray<{ method: string; route: string }>): string[] {
  const paths = (app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
  const served = Object.entries(paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
  const listed = new Set(matrix.map((c) => `${c.method} ${c.route}`));
  return served.filter((r) => !listed.has(r) && !KIT_ROUTES.has(r));
}

/** A problem's body without its per-request fields. */
export function withoutRequestFields(body: string): Record<string, unknown> {
  const { requestId: _r, instance: _i, ...rest } = JSON.parse(body) as Record<string, unknown>;
  return rest;
}
