// A district's register of advisors (法律顾问名册), kept by the district's administrator: register, change
// details, remove. Read from the stream itself (a few hundred advisors at most), with its ETag.
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, etagOf, reachOf } from '@bureau/service-kit';
import { byPinyin, numerically, pageFields, pagedList, pagingQuery, sortField, type ListKey } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { reachableDistrict, runRegisterCommand } from '../commands/run-register-command.js';
import { advisorRegisterDecider, advisorRegisterStreamName, type RegisterCommand } from '../domain/index.js';
import { advisorRegisterEvents } from '../events/index.js';
import { REGISTER_KEEPERS, REGISTER_READERS } from './roles.js';
import { commandResponses, districtParams, queryResponses, reasonSchema, recordId } from './schemas.js';

const details = {
  name: z.string().trim().min(1).max(50),
  firm: z.string().trim().min(1).max(100),
  licenceNumber: z.string().trim().regex(/^\d{17}$/, '律师执业证号: 17 digits'),
  phone: z.string().trim().min(3).max(20),
};
const advisorParams = districtParams.extend({ advisorId: recordId });
const registerResponse = commandResponseSchema.extend({ districtId: z.string(), advisorId: z.string() });
const advisorView = z.object({
  advisorId: z.string(), name: z.string(), firm: z.string(), licenceNumber: z.string(), phone: z.string(),
  status: z.enum(['active', 'removed']), removedReason: z.string().nullable(),
});

const advisorSorts = ['registered', 'name', 'firm'] as const;
type Listed = { advisorId: string; name: string; firm: string; registered: number };

/** The register's order (names and firms by pinyin); ties broken by the advisor's id, so a page boundary never moves. */
function advisorKeys(sort: (typeof advisorSorts)[number], direction: 'asc' | 'desc'): ListKey<Listed>[] {
  const name: ListKey<Listed> = { of: (a) => a.name, compare: byPinyin, direction };
  const id: ListKey<Listed> = { of: (a) => a.advisorId, direction };
  switch (sort) {
    case 'registered':
      return [{ of: (a) => String(a.registered), compare: numerically, direction }];
    case 'name':
      return [name, id];
    case 'firm':
      return [{ of: (a) => a.firm, compare: byPinyin, direction }, name, id];
    default: {
      const never: never = sort;
      return never;
    }
  }
}

export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  const run = async (request: Parameters<typeof commandContextOf>[0], reply: Parameters<typeof commandReply>[0], districtId: string, commandId: string, command: RegisterCommand) => {
    const now = app.advisors.clock();
    const result = await runRegisterCommand(
      { store: app.eventStore, registry: () => app.organisations.current() },
      { districtId, command, context: commandContextOf(request, commandId, now), now, reaches: reachOf(request).includes },
    );
    return { districtId, advisorId: command.data.advisorId, ...commandReply(reply, result) };
  };

  app.get('/districts/:districtId/advisors', {
    config: REGISTER_READERS,
    schema: { tags: ['register'], summary: '法律顾问名册 The district\'s register of advisors, sorted and paged', security: bearerSecurity, params: districtParams,
      querystring: z.strictObject({
        // registered: in the order registered; name, firm: by pinyin.
        ...pagingQuery(advisorSorts, 'registered'),
        status: z.enum(['active', 'removed']).optional().describe('Only those on the register (or removed from it).'),
      }),
      response: queryResponses(z.object({ districtId: z.string(), advisors: z.array(advisorView), ...pageFields('advisor') })) },
  }, async (request, reply) => {
    const districtId = reachableDistrict(app.organisations.current(), request.params.districtId, reachOf(request).includes);
    const { state, revision } = await stateOrInitial(app.eventStore, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
    if (revision >= 0n) reply.header('etag', etagOf(revision));
    const { sort, status } = request.query;
    const all = (state.status === 'kept' ? state.advisors : []).map((a, registered) => ({ ...a, registered })).filter((a) => status === undefined || a.status === status);
    const { field, direction } = sortField(sort);
    const { rows, ...page } = pagedList(`/districts/${districtId}/advisors`, request.query, all, advisorKeys(field, direction));
    return { districtId, advisors: rows.map(({ registered: _, ...a }) => a), ...page };
  });

  app.post('/districts/:districtId/advisors', {
    config: REGISTER_KEEPERS,
    schema: { tags: ['register'], summary: '登记 Register an advisor', security: bearerSecurity, params: districtParams,
      body: z.strictObject({ commandId: commandIdSchema, advisorId: recordId, ...details }), response: commandResponses(registerResponse) },
  }, async (request, reply) => {
    const { commandId, ...data } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'RegisterAdvisor', data });
  });

  app.put('/districts/:districtId/advisors/:advisorId', {
    config: REGISTER_KEEPERS,
    schema: { tags: ['register'], summary: '变更 Change an advisor\'s details (the whole new details)', security: bearerSecurity, params: advisorParams,
      body: z.strictObject({ commandId: commandIdSchema, ...details }), response: commandResponses(registerResponse) },
  }, async (request, reply) => {
    const { commandId, ...data } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'ChangeAdvisorDetails', data: { advisorId: request.params.advisorId, ...data } });
  });

  app.post('/districts/:districtId/advisors/:advisorId/removal', {
    config: REGISTER_KEEPERS,
    schema: { tags: ['register'], summary: '移出名册 Remove an advisor from the register, with a reason', security: bearerSecurity, params: advisorParams,
      body: z.strictObject({ commandId: commandIdSchema, reason: reasonSchema }), response: commandResponses(registerResponse) },
  }, async (request, reply) => {
    const { commandId, reason } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'RemoveAdvisor', data: { advisorId: request.params.advisorId, reason } });
  });
};
