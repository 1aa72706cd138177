// A district's register of advisors (法律顾问名册), kept by the district's administrator: register, change
// details, remove. Read from the stream itself (a few hundred advisors at most), with its ETag.
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, etagOf, reachOf } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { reachableDistrict, runRegisterCommand } from '../commands/run-register-command.js';
import { advisorRegisterDecider, advisorRegisterStreamName, type RegisterCommand } from '../domain/index.js';
import { advisorRegisterEvents } from '../events/index.js';
import { pageFields, pageOf, pageQuery } from './paging.js';
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
const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** The register's order; ties broken by the advisor's id, so a page boundary never moves between calls. */
function sortAdvisors<A extends { advisorId: string; name: string; firm: string }>(advisors: readonly A[], sort: (typeof advisorSorts)[number]): A[] {
  const byId = (a: A, b: A) => (a.advisorId < b.advisorId ? -1 : a.advisorId > b.advisorId ? 1 : 0);
  switch (sort) {
    case 'registered':
      return [...advisors];
    case 'name':
      return [...advisors].sort((a, b) => pinyin.compare(a.name, b.name) || byId(a, b));
    case 'firm':
      return [...advisors].sort((a, b) => pinyin.compare(a.firm, b.firm) || pinyin.compare(a.name, b.name) || byId(a, b));
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
        ...pageQuery,
        sort: z.enum(advisorSorts).default('registered').describe('registered: in the order registered; name, firm (by pinyin)'),
        status: z.enum(['active', 'removed']).optional().describe('Only those on the register (or removed from it).'),
      }),
      response: queryResponses(z.object({ districtId: z.string(), advisors: z.array(advisorView), ...pageFields })) },
  }, async (request, reply) => {
    const districtId = reachableDistrict(app.organisations.current(), request.params.districtId, reachOf(request).includes);
    const { state, revision } = await stateOrInitial(app.eventStore, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
    if (revision >= 0n) reply.header('etag', etagOf(revision));
    const { sort, status, ...page } = request.query;
    const all = (state.status === 'kept' ? state.advisors : []).filter((a) => status === undefined || a.status === status);
    const { items, ...paging } = pageOf(sortAdvisors(all, sort), page);
    return { districtId, advisors: items.map((a) => ({ ...a })), ...paging };
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
