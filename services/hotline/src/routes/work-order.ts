// GET /work-orders/:workOrderId: one order from the read model (?after=<position> to read your own write).
import { actorOf, bearerSecurity, isWithinReach, notFound, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ensureFresh } from '../read-models/freshness.js';
import { findWorkOrder } from '../read-models/order-detail.js';
import { WORK_ORDERS_PROJECTION } from '../read-models/work-orders-projection.js';
import type { HotlineRouteOptions } from './options.js';
import { afterQuery } from './read-your-writes.js';
import { ORDER_READERS, PERSONAL_DATA_READERS } from './roles.js';
import { workOrderParams } from './staff-command.js';
import { workOrderView, workOrderViewSchema } from './work-order-view.js';

export const workOrderRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.get('/work-orders/:workOrderId', {
    config: ORDER_READERS,
    schema: {
      tags: ['work orders'],
      summary: 'One work order (personal data masked unless the reader is centre staff)',
      security: bearerSecurity,
      params: workOrderParams,
      querystring: z.strictObject(afterQuery),
      response: { 200: workOrderViewSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 503: problemSchema },
    },
  }, async (request, reply) => {
    await ensureFresh(app, request, reply, WORK_ORDERS_PROJECTION, options.readYourWritesWaitMs);
    const row = await findWorkOrder(app.readModels.db, request.params.workOrderId);
    // Out of the caller's reach is, to them, no such order: the same answer.
    if (!row || !isWithinReach(request, row.owner)) throw notFound('No such work order.');
    return workOrderView(row, options.clock(), PERSONAL_DATA_READERS.includes(actorOf(request).role));
  });
};
