// The registry over HTTP. Anyone signed in reads it (it names offices, not people); the city's
// administrators change it. Each change is an event on the registry's stream, idempotent per commandId.
import {
  access, actorOf, bearerSecurity, everyone, signedIn, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand,
  problemSchema,
} from '@bureau/service-kit';
import { byPinyin, numerically, pageFields, pagedList, pagingQuery, sortField, type ListKey } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationKinds, type OrganisationKind } from './kinds.js';
import { registryDecider, type OrganisationCommand } from './registry-decider.js';
import { organisationEvents, organisationIdSchema } from './registry-events.js';

export interface RegistryRoutesOptions {
  /** Who may change the registry: the city's administrators (city-wide roles, in the city scope). */
  readonly adminRoles: readonly string[];
  readonly clock: () => Date;
}

const organisationSchema = z.object({
  id: z.string(), kind: z.enum(organisationKinds), name: z.string(), parentId: z.string().nullable(), closed: z.boolean(),
});
const organisationSorts = ['registered', 'id', 'name', 'kind'] as const;
type Listed = { id: string; name: string; kind: OrganisationKind; registered: number };

/** The list's order (names by pinyin); ties broken by id, so a page boundary never moves between calls. */
function organisationKeys(sort: (typeof organisationSorts)[number], direction: 'asc' | 'desc'): ListKey<Listed>[] {
  const id: ListKey<Listed> = { of: (o) => o.id, direction };
  switch (sort) {
    case 'registered':
      return [{ of: (o) => String(o.registered), compare: numerically, direction }];
    case 'id':
      return [id];
    case 'name':
      return [{ of: (o) => o.name, compare: byPinyin, direction }, id];
    case 'kind':
      return [{ of: (o) => String(organisationKinds.indexOf(o.kind)), compare: numerically, direction }, id];
    default: {
      const never: never = sort;
      return never;
    }
  }
}

const changeResponses = { 200: commandResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema };

export const organisationRegistryRoutes: FastifyPluginAsyncZod<RegistryRoutesOptions> = async (app, options) => {
  const run = async (request: Parameters<typeof commandContextOf>[0], commandId: string, command: OrganisationCommand) => {
    const result = await handleCommand({
      store: app.eventStore, registry: organisationEvents, decider: registryDecider,
      streamName: app.organisations.streamName, command, context: commandContextOf(request, commandId, command.data.at),
    });
    await app.organisations.refresh();
    return result;
  };

  app.get('/organisations', {
    config: signedIn('the registry names offices, not people: anyone signed in reads it'),
    schema: {
      tags: ['organisations'], summary: 'The city’s organisations (组织机构), filtered, sorted and paged', security: bearerSecurity,
      querystring: z.strictObject({
        kind: z.enum(organisationKinds).optional(),
        parentId: organisationIdSchema.optional().describe('Only those directly under this organisation.'),
        closed: z.stringbool().optional().describe('Only the closed (or the open) ones.'),
        // registered: in the order registered (a parent before what sits under it); id; name (by pinyin); kind.
        // A whole city fits one page by default: most callers want it all.
        ...pagingQuery(organisationSorts, 'registered', { default: 1000, max: 1000 }),
      }),
      response: { 200: z.object({ items: z.array(organisationSchema), ...pageFields('organisation') }), 400: problemSchema, 401: problemSchema },
    },
  }, async (request) => {
    const { kind, parentId, closed } = request.query;
    const all = [...app.organisations.current().organisations.values()].map((o, registered) => ({ ...o, registered })).filter(
      (o) => (kind === undefined || o.kind === kind) && (parentId === undefined || o.parentId === parentId) && (closed === undefined || o.closed === closed),
    );
    const { field, direction } = sortField(request.query.sort);
    const { rows, ...page } = pagedList('/organisations', request.query, all, organisationKeys(field, direction));
    return { items: rows.map(({ registered: _, ...o }) => o), ...page };
  });

  app.post('/organisations', {
    config: access(everyone(options.adminRoles, 'city')),
    schema: {
      tags: ['organisations'], summary: 'Register an organisation under its parent', security: bearerSecurity,
      body: z.strictObject({ commandId: commandIdSchema, id: organisationIdSchema, kind: z.enum(organisationKinds), name: z.string().trim().min(1).max(100), parentId: organisationIdSchema.nullable() }),
      response: changeResponses,
    },
  }, async (request, reply) => {
    const { commandId, ...data } = request.body;
    const result = await run(request, commandId, { type: 'RegisterOrganisation', data: { ...data, by: actorOf(request).id, at: options.clock() } });
    return commandReply(reply, result);
  });

  app.patch('/organisations/:id', {
    config: access(everyone(options.adminRoles, 'city')),
    schema: {
      tags: ['organisations'], summary: 'Rename an organisation', security: bearerSecurity,
      params: z.object({ id: organisationIdSchema }),
      body: z.strictObject({ commandId: commandIdSchema, name: z.string().trim().min(1).max(100) }),
      response: changeResponses,
    },
  }, async (request, reply) => {
    const result = await run(request, request.body.commandId, { type: 'RenameOrganisation', data: { id: request.params.id, name: request.body.name, by: actorOf(request).id, at: options.clock() } });
    return commandReply(reply, result);
  });

  app.post('/organisations/:id/close', {
    config: access(everyone(options.adminRoles, 'city')),
    schema: {
      tags: ['organisations'], summary: 'Close an organisation (what sits under it first)', security: bearerSecurity,
      params: z.object({ id: organisationIdSchema }),
      body: z.strictObject({ commandId: commandIdSchema, reason: z.string().trim().min(1).max(500) }),
      response: changeResponses,
    },
  }, async (request, reply) => {
    const result = await run(request, request.body.commandId, { type: 'CloseOrganisation', data: { id: request.params.id, reason: request.body.reason, by: actorOf(request).id, at: options.clock() } });
    return commandReply(reply, result);
  });
};
