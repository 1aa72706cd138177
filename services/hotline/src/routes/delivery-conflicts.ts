// GET /integrations/12345/:platformId/delivery-conflicts: messages the platform re-sent under a message id
// it had already used for another message (refused with 409, the first one stands), newest first, for
// the centre to take up with the platform. They hold citizens' data, so only the centre's own staff see them.
import { bearerSecurity, isWithinReach, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deliveryConflictSchema, readDeliveryConflicts } from '../integration/delivery-conflicts.js';
import { CONFLICT_READERS } from './roles.js';

export const deliveryConflictsRoute: FastifyPluginAsyncZod = async (app) => {
  app.get('/integrations/12345/:platformId/delivery-conflicts', {
    config: CONFLICT_READERS,
    schema: {
      tags: ['12345 integration'],
      summary: 'Deliveries refused because their message id had been used for another message',
      security: bearerSecurity,
      params: z.object({ platformId: z.string().min(1).max(64) }),
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ items: z.array(deliveryConflictSchema) }), 400: problemSchema, 401: problemSchema, 403: problemSchema },
    },
  }, async (request) => {
    // A platform's deliveries are its centre's: another centre's caller sees none, as for an unknown platform.
    const { platformId } = request.params;
    if (!isWithinReach(request, app.hotline.config.ownership.centreOf(platformId))) return { items: [] };
    return { items: await readDeliveryConflicts(app.eventStore, platformId, request.query.limit) };
  });
};
