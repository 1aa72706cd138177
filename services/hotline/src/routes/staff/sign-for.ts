// POST /work-orders/:workOrderId/sign-for: 签收, on time when within the sign-for limit (default 2 working hours).
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_HANDLERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const signForRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/sign-for', {
    config: ORDER_HANDLERS,
    schema: {
      tags: ['work orders'],
      summary: '签收 Sign for a work order',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({ commandId: commandIdSchema }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'SignForWorkOrder', data: { staffId } }),
    }));
};
