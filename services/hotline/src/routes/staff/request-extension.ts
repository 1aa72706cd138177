// POST /work-orders/:workOrderId/extension-request: 延期申请, in working days, before the reply due time
// and within the cap (default 10 working days over the order's life).
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_HANDLERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const requestExtensionRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/extension-request', {
    config: ORDER_HANDLERS,
    schema: {
      tags: ['work orders'],
      summary: '延期 Request more working days to reply',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({
        commandId: commandIdSchema,
        reason: z.string().trim().min(1).max(1000),
        workingDays: z.number().int().min(1).max(365),
      }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'RequestExtension', data: { staffId, reason: request.body.reason, workingDays: request.body.workingDays } }),
    }));
};
