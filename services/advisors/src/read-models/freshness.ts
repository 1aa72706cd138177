// Read-your-writes for the query routes: `?after=<commit/prepare>` from a write waits (bounded) for the
// read model to apply it, and otherwise answers 503 "not yet" with Retry-After instead of stale data.
import { awaitFreshness } from '@bureau/projections/http';
import { HttpProblem } from '@bureau/service-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export async function ensureFresh(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, projection: string, maxWaitMs: number): Promise<void> {
  const freshness = await awaitFreshness(app.advisorsReadModels.engine, projection, request, { maxWaitMs, lastCommitted: () => app.eventStore.lastCommittedPosition() });
  if (freshness.kind === 'fresh') return;
  const retryAfter = freshness.headers['retry-after'];
  if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
  const { type, title, status, detail, ...rest } = freshness.body;
  throw new HttpProblem(status, title, type, detail, rest);
}
