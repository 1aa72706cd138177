// POST /work-orders/:workOrderId/notes: a handling note (办理情况); the commandId doubles as the note id.
import { bearerSecurity, commandIdSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HotlineRouteOptions } from '../options.js';
import { ORDER_HANDLERS } from '../roles.js';
import { runStaffCommand, workOrderParams } from '../staff-command.js';
import { staffCommandResponses } from './responses.js';

export const addNoteRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  app.post('/work-orders/:workOrderId/notes', {
    config: ORDER_HANDLERS,
    schema: {
      tags: ['work orders'],
      summary: 'Add a handling note',
      security: bearerSecurity,
      params: workOrderParams,
      body: z.strictObject({ commandId: commandIdSchema, note: z.string().trim().min(1).max(4000) }),
      response: staffCommandResponses,
    },
  }, async (request, reply) =>
    runStaffCommand(app, options, request, reply, {
      workOrderId: request.params.workOrderId,
      commandId: request.body.commandId,
      command: (staffId) => ({ type: 'AddHandlingNote', data: { noteId: request.body.commandId, staffId, note: request.body.note } }),
    }));
};
