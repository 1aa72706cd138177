// A village's appointments (聘任), kept by the district's administrator: appoint an advisor for a contract
// period, end an appointment early (a village changing advisor mid-year). Read from the stream itself.
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, etagOf, reachOf } from '@bureau/service-kit';
import { numerically, pageFields, pagedList, pagingQuery, sortField, type ListKey } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { reachableVillage } from '../commands/run-ledger-command.js';
import { runAppointmentCommand } from '../commands/run-register-command.js';
import { advisorAppointmentsStreamName, villageAppointmentsDecider, type AppointmentCommand } from '../domain/index.js';
import { villageAppointmentEvents } from '../events/index.js';
import { APPOINTMENT_READERS, REGISTER_KEEPERS } from './roles.js';
import { commandResponses, queryResponses, reasonSchema, recordId, villageParams } from './schemas.js';

const appointmentResponse = commandResponseSchema.extend({ villageId: z.string(), appointmentId: z.string() });
const appointmentView = z.object({
  appointmentId: z.string(), advisorId: z.string(), from: z.string(), to: z.string(), endedOn: z.string().nullable(), endReason: z.string().nullable(),
});

type Made = { appointmentId: string; from: string; to: string; made: number };
/** registered: in the order made; from: by the contract period's start, then its end, then the id (so a page boundary never moves). */
const appointmentKeys = (field: 'registered' | 'from', direction: 'asc' | 'desc'): ListKey<Made>[] =>
  field === 'registered'
    ? [{ of: (a) => String(a.made), compare: numerically, direction }]
    : [{ of: (a) => a.from, direction }, { of: (a) => a.to, direction }, { of: (a) => a.appointmentId, direction }];

export const appointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const run = async (request: Parameters<typeof commandContextOf>[0], reply: Parameters<typeof commandReply>[0], commandId: string, command: AppointmentCommand) => {
    const now = app.advisors.clock();
    const result = await runAppointmentCommand(
      { store: app.eventStore, registry: () => app.organisations.current() },
      { villageId: command.data.villageId, command, context: commandContextOf(request, commandId, now), now, reaches: reachOf(request).includes },
    );
    return { villageId: command.data.villageId, appointmentId: command.data.appointmentId, ...commandReply(reply, result) };
  };

  app.get('/villages/:villageId/appointments', {
    config: APPOINTMENT_READERS,
    schema: { tags: ['appointments'], summary: '聘任 The village\'s appointments, past and present, sorted and paged', security: bearerSecurity, params: villageParams,
      querystring: z.strictObject({
        // registered: in the order made; -from: the latest contract period first.
        ...pagingQuery(['registered', 'from'], 'registered'),
      }),
      response: queryResponses(z.object({ villageId: z.string(), judicialOfficeId: z.string(), appointments: z.array(appointmentView), ...pageFields('appointment') })) },
  }, async (request, reply) => {
    const village = reachableVillage(app.organisations.current(), request.params.villageId, reachOf(request).includes);
    const { state, revision } = await stateOrInitial(app.eventStore, villageAppointmentEvents, villageAppointmentsDecider, advisorAppointmentsStreamName(village.villageId));
    if (revision >= 0n) reply.header('etag', etagOf(revision));
    const made = state.status === 'kept' ? state.appointments.map((a, i) => ({ ...a, made: i })) : [];
    const { field, direction } = sortField(request.query.sort);
    const { rows, ...paging } = pagedList(`/villages/${village.villageId}/appointments`, request.query, made, appointmentKeys(field, direction));
    return {
      villageId: village.villageId,
      judicialOfficeId: village.judicialOfficeId,
      appointments: rows.map(({ appointmentId, advisorId, from, to, endedOn, endReason }) => ({ appointmentId, advisorId, from, to, endedOn, endReason })),
      ...paging,
    };
  });

  app.post('/villages/:villageId/appointments', {
    config: REGISTER_KEEPERS,
    schema: { tags: ['appointments'], summary: '聘任 Appoint an advisor to the village for a contract period', security: bearerSecurity, params: villageParams,
      body: z.strictObject({ commandId: commandIdSchema, appointmentId: recordId.optional(), advisorId: recordId, from: z.iso.date(), to: z.iso.date() }),
      response: commandResponses(appointmentResponse) },
  }, async (request, reply) => {
    const { commandId, appointmentId, advisorId, from, to } = request.body;
    return run(request, reply, commandId, { type: 'AppointAdvisor', data: { appointmentId: appointmentId ?? commandId, advisorId, villageId: request.params.villageId, from, to } });
  });

  app.post('/villages/:villageId/appointments/:appointmentId/end', {
    config: REGISTER_KEEPERS,
    schema: { tags: ['appointments'], summary: '解聘 End an appointment early (its last day), with a reason', security: bearerSecurity,
      params: villageParams.extend({ appointmentId: recordId }),
      body: z.strictObject({ commandId: commandIdSchema, endsOn: z.iso.date(), reason: reasonSchema }), response: commandResponses(appointmentResponse) },
  }, async (request, reply) => {
    const { commandId, endsOn, reason } = request.body;
    const { villageId, appointmentId } = request.params;
    return run(request, reply, commandId, { type: 'EndAppointment', data: { appointmentId, villageId, endsOn, reason } });
  });
};
