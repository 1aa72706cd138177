// What every staff route shares: the acting staff member (the token's subject), the clock, the command
// run through runWorkOrderCommand, and the kit's reply (revision, position, ETag, x-event-position).
import { actorOf, commandContextOf, commandReply, commandResponseSchema, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { runWorkOrderCommand } from '../commands/run-work-order-command.js';
import type { WorkOrderCommand } from '../domain/index.js';
import type { HotlineRouteOptions } from './options.js';

export const workOrderParams = z.object({ workOrderId: z.uuid() });

export const staffCommandResponse = commandResponseSchema.extend({ workOrderId: z.uuid() });

export async function runStaffCommand(
  app: FastifyInstance,
  options: HotlineRouteOptions,
  request: FastifyRequest,
  reply: FastifyReply,
  input: { readonly workOrderId: string; readonly commandId: string; readonly command: (staffId: string) => WorkOrderCommand },
): Promise<z.output<typeof staffCommandResponse>> {
  const now = options.clock();
  const staffId = actorOf(request).id;
  const result = await runWorkOrderCommand(
    { store: app.eventStore, calendar: app.hotlineCalendar, events: app.hotline.events },
    {
      workOrderId: input.workOrderId,
      command: input.command(staffId),
      now,
      context: commandContextOf(request, input.commandId, now),
      reaches: reachOf(request).includes,
    },
  );
  return { workOrderId: input.workOrderId, ...commandReply(reply, result) };
}
