// Liveness (/healthz: the process answers) and readiness (/readyz: its dependencies answer).
// Resources register their own readiness checks, so the kit does not need to know them.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { sendProblem } from './error-handler.js';
import { problemTypes } from './problem.js';

export type ReadinessCheck = () => Promise<unknown>;
/** Something an operator should know that does not stop the service: a message, or null when all is well. */
export type ReadinessWarning = () => Promise<string | null>;

declare module 'fastify' {
  interface FastifyInstance {
    readiness: {
      add(name: string, check: ReadinessCheck): void;
      /** A warning shown in /readyz (`warnings`) while it says something; the service stays ready. */
      warn(name: string, warning: ReadinessWarning): void;
    };
  }
}

const READINESS_TIMEOUT_MS = 2_000;

async function probe(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return true;
  } finally {
    clearTimeout(timer);
  }
}

const statusSchema = z.object({
  status: z.string(),
  checks: z.record(z.string(), z.enum(['up', 'down'])).optional(),
  warnings: z.record(z.string(), z.string()).optional(),
});

async function health(app: FastifyInstance) {
  const checks = new Map<string, ReadinessCheck>();
  const warnings = new Map<string, ReadinessWarning>();
  app.decorate('readiness', {
    add: (name: string, check: ReadinessCheck) => void checks.set(name, check),
    warn: (name: string, warning: ReadinessWarning) => void warnings.set(name, warning),
  });

  app.get('/healthz', { schema: { tags: ['health'], response: { 200: statusSchema } } }, async () => ({ status: 'alive' }));

  app.get('/readyz', { schema: { tags: ['health'], response: { 200: statusSchema } } }, async (request, reply) => {
    const results: Record<string, 'up' | 'down'> = {};
    for (const [name, check] of checks) {
      try {
        results[name] = (await probe(check)) ? 'up' : 'down';
      } catch (err) {
        request.log.warn({ check: name, err }, 'readiness check failed');
        results[name] = 'down';
      }
    }
    if (Object.values(results).includes('down')) {
      return sendProblem(request, reply, { type: problemTypes.unavailable, title: 'Service Unavailable', status: 503, detail: 'A dependency is not answering.', checks: results });
    }
    const said: Record<string, string> = {};
    for (const [name, warning] of warnings) {
      try {
        const message = await warning();
        if (message !== null) said[name] = message;
      } catch (err) {
        request.log.warn({ check: name, err }, 'readiness warning could not be worked out');
      }
    }
    return { status: 'ready', checks: results, ...(Object.keys(said).length > 0 ? { warnings: said } : {}) };
  });
}

export const healthPlugin = fp(health, { name: 'bureau-health', fastify: '5.x', dependencies: ['bureau-problem-handlers'] });
