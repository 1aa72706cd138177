// POST /work-orders/:workOrderId/assignment: a supervisor assigns the order to a staff member.
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_ASSIGNERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const assignRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/assignment', {
    config: ORDER_ASSIGNERS,
    schema: {
      tags: ['work orders'],
      summary: 'Assign the work order to a staff member',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({ commandId: commandIdSchema, assigneeStaffId: z.string().trim().min(1).max(64) }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'AssignWorkOrder', data: { staffId, assigneeStaffId: request.body.assigneeStaffId } }),
    }));
};
