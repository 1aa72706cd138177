// Enforces every route's access declaration (auth/access.ts): authenticates the caller, admits only the
// declared roles (403 otherwise), and computes the caller's reach from the organisation registry before
// the route sees the request. The app refuses to become ready while any route of the service declares
// no access at all, or while routes need reaches and no registry has been plugged in.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthorized } from '../http/problem.js';
import { AccessDeclarationError, type Reach, type ReachResolver } from './access.js';
import { authenticate } from './auth-plugin.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set before a role-guarded route runs: the organisations whose records the caller reaches. */
    reach: Reach | null;
  }
  interface FastifyInstance {
    /** Plugs in the organisation registry that reaches are computed from (`@bureau/organisations` does). */
    useReachResolver(resolver: ReachResolver): void;
  }
}

async function accessEnforcement(app: FastifyInstance) {
  let resolver: ReachResolver | undefined;
  const undeclared: string[] = [];
  let needsReach = false;

  app.decorateRequest('reach', null);
  app.decorate('useReachResolver', (next: ReachResolver) => {
    resolver = next;
  });

  app.addHook('onRoute', (route) => {
    const rule = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method.join(',') : route.method;
    if (!rule) undeclared.push(`${methods} ${route.url}`);
    else if (rule.kind === 'roles') needsReach = true;
  });

  app.addHook('onReady', async () => {
    if (undeclared.length > 0) {
      throw new AccessDeclarationError(
        `these routes declare no access (add config: access({ role: scope }) or publicAccess('why')): ${undeclared.join('; ')}`,
      );
    }
    if (needsReach && !resolver) {
      throw new AccessDeclarationError('routes admit roles by scope, but no organisation registry is plugged in (register @bureau/organisations)');
    }
  });

  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    // Routes without a declaration are the kit's own (health, docs) and the not-found handler.
    if (!rule || rule.kind === 'public') return;
    const actor = await authenticate(request);
    if (rule.kind === 'signed_in') return;
    const scope = rule.roles[actor.role];
    if (!scope) throw forbidden(`This action needs one of the roles: ${Object.keys(rule.roles).join(', ')}.`);
    const reach = resolver?.reachOf(actor.organisation, scope);
    if (!reach) throw forbidden('The organisation named in the bearer token is not in the organisation registry, or is closed.');
    request.reach = reach;
  });
}

export const accessPlugin = fp(accessEnforcement, { name: 'bureau-access', fastify: '5.x', dependencies: ['bureau-auth'] });

/** The caller's reach on a role-guarded route. */
export function reachOf(request: FastifyRequest): Reach {
  if (!request.reach) throw unauthorized('This action needs an authenticated caller.');
  return request.reach;
}

/** Whether the record owned by `ownerId` is within the caller's reach; a route answers its 404 when not. */
export function isWithinReach(request: FastifyRequest, ownerId: string): boolean {
  return reachOf(request).includes(ownerId);
}
