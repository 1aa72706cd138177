// POST /work-orders/:workOrderId/reply: 办结 / 答复, the answer sent back to the platform; on time when
// by the reply due time (按时办结).
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_HANDLERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const replyRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/reply', {
    config: ORDER_HANDLERS,
    schema: {
      tags: ['work orders'],
      summary: '答复 Reply to the work order (办结)',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({ commandId: commandIdSchema, answer: z.string().trim().min(1).max(8000) }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'ReplyToWorkOrder', data: { staffId, answer: request.body.answer } }),
    }));
};
