// The registry over HTTP. Anyone signed in reads it (it names offices, not people); the city's
// administrators change it. Each change is an event on the registry's stream, idempotent per commandId.
import {
  access, actorOf, bearerSecurity, everyone, signedIn, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand,
  problemSchema,
} from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { organisationKinds } from './kinds.js';
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
    schema: { tags: ['organisations'], summary: 'The city’s organisations (组织机构)', security: bearerSecurity, response: { 200: z.object({ items: z.array(organisationSchema) }), 401: problemSchema } },
  }, async () => ({ items: [...app.organisations.current().organisations.values()] }));

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
