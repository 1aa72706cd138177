// POST /work-orders/:workOrderId/return-request: 退单申请, "not ours", within the return window
// (default 2 working days of dispatch); the platform approves or rejects it.
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_HANDLERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const requestReturnRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/return-request', {
    config: ORDER_HANDLERS,
    schema: {
      tags: ['work orders'],
      summary: '退单 Request the return of a work order that is not the centre’s',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({ commandId: commandIdSchema, reason: z.string().trim().min(1).max(1000) }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'RequestReturn', data: { staffId, reason: request.body.reason } }),
    }));
};
