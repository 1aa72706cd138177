// Read-your-writes for the query routes: a client that just wrote sends the position it got back
// (`?after=<commit/prepare>` or header x-min-position); the query waits, a bounded time, for the read
// model to apply it, and otherwise answers 503 "not yet" with Retry-After instead of stale data. A
// malformed position, or one past every committed write, is a 400 at once.
import { awaitFreshness } from '@bureau/projections/http';
import { HttpProblem } from '@bureau/service-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export async function ensureFresh(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, projection: string, maxWaitMs: number): Promise<void> {
  const freshness = await awaitFreshness(app.readModels.engine, projection, request, { maxWaitMs, lastCommitted: () => app.eventStore.lastCommittedPosition() });
  if (freshness.kind === 'fresh') return;
  const retryAfter = freshness.headers['retry-after'];
  if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
  const { type, title, status, detail, ...rest } = freshness.body;
  throw new HttpProblem(status, title, type, detail, rest);
}
