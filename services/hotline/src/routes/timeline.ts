// GET /work-orders/:workOrderId/timeline: every event of the order straight from its stream, with the
// hash-chain verdict, for auditors (always current: no read model in between).
import { actorOf, bearerSecurity, isWithinReach, notFound, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readTimeline } from '../audit/timeline.js';
import { PERSONAL_DATA_READERS, TIMELINE_READERS } from './roles.js';
import { workOrderParams } from './staff-command.js';

const timelineSchema = z.object({
  workOrderId: z.string(),
  personalDataMasked: z.boolean(),
  chain: z.object({
    intact: z.boolean(),
    events: z.number(),
    lastHash: z.string().optional(),
    brokenAtRevision: z.string().optional(),
    reason: z.string().optional(),
  }),
  entries: z.array(z.object({
    revision: z.string(),
    type: z.string(),
    occurredAt: z.string().nullable(),
    recordedAt: z.string(),
    actor: z.object({ id: z.string(), role: z.string(), organisation: z.string() }).nullable(),
    data: z.unknown(),
    hash: z.string(),
  })),
});

export const timelineRoute: FastifyPluginAsyncZod = async (app) => {
  app.get('/work-orders/:workOrderId/timeline', {
    config: TIMELINE_READERS,
    schema: {
      tags: ['work orders'],
      summary: 'The order’s events from its stream, with who, when, and the hash-chain verdict',
      security: bearerSecurity,
      params: workOrderParams,
      response: { 200: timelineSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
    },
  }, async (request) => {
    const showPersonalData = PERSONAL_DATA_READERS.includes(actorOf(request).role);
    const timeline = await readTimeline(app.eventStore, app.hotline.events, request.params.workOrderId, showPersonalData);
    // Out of the caller's reach is, to them, no such order: the same answer.
    if (!timeline || !isWithinReach(request, timeline.owner)) throw notFound('No such work order.');
    const { owner: _owner, ...shown } = timeline;
    return { ...shown, personalDataMasked: !showPersonalData };
  });
};
