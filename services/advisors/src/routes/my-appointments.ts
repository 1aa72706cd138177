// GET /my-appointments: an advisor's own appointments (the villages they serve and when), so a form can offer
// exactly the villages they may log for. Read from each village's appointment stream within the advisor's
// district; there is no appointments read model, so this reads one stream per village of the district
// (a district has some hundreds: acceptable for a form that opens once, not for a list that pages).
import { actorOf, bearerSecurity, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { advisorAppointmentsStreamName, villageAppointmentsDecider } from '../domain/index.js';
import { villageAppointmentEvents } from '../events/index.js';
import { allVillages } from '../registry/villages.js';
import { ADVISORS } from './roles.js';
import { queryResponses } from './schemas.js';

const myAppointment = z.object({
  villageId: z.string(), name: z.string(), townshipId: z.string(), judicialOfficeId: z.string(),
  appointmentId: z.string(), from: z.string(), to: z.string(), endedOn: z.string().nullable(),
});

export const myAppointmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/my-appointments', {
    config: ADVISORS,
    schema: { tags: ['appointments'], summary: '我的聘任 The calling advisor\'s appointments: the villages they serve, with the contract periods', security: bearerSecurity,
      response: queryResponses(z.object({ advisorId: z.string(), appointments: z.array(myAppointment) })) },
  }, async (request) => {
    const advisorId = actorOf(request).id;
    const reach = reachOf(request);
    const villages = allVillages(app.organisations.current()).filter((v) => reach.includes(v.judicialOfficeId));
    const found = await Promise.all(villages.map(async (v) => {
      const { state } = await stateOrInitial(app.eventStore, villageAppointmentEvents, villageAppointmentsDecider, advisorAppointmentsStreamName(v.villageId));
      const mine = state.status === 'kept' ? state.appointments.filter((a) => a.advisorId === advisorId) : [];
      return mine.map((a) => ({ villageId: v.villageId, name: v.name, townshipId: v.townshipId, judicialOfficeId: v.judicialOfficeId,
        appointmentId: a.appointmentId, from: a.from, to: a.to, endedOn: a.endedOn }));
    }));
    const appointments = found.flat().sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.from.localeCompare(b.from));
    return { advisorId, appointments };
  });
};
