// One route per command on an existing file: a zod body (with the commandId), the access it declares, the
// command it makes; then the one command path, guarded by the file's parties against the caller's reach
// (another district's file answers as a missing one), and the kit's reply (revision, position, ETag).
import { bearerSecurity, commandContextOf, commandReply, commandResponseSchema, problemSchema, reachOf, type AccessRule } from '@bureau/service-kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runLegalAidCommand } from '../commands/run-legal-aid-command.js';
import type { LegalAidCommand } from '../domain/index.js';
import { caseIdParam } from './inputs.js';
import { actingOrganisation } from './options.js';

export const fileCommandResponse = commandResponseSchema.extend({ caseId: z.string(), events: z.array(z.string()).describe('The types of the events recorded.') });

export const commandResponses = {
  200: fileCommandResponse,
  400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema, 503: problemSchema,
};

export interface FileCommandRoute<Body extends z.ZodObject> {
  /** Under /files/:caseId/. */
  readonly action: string;
  readonly summary: string;
  readonly config: { readonly access: AccessRule };
  readonly body: Body;
  readonly command: (body: z.output<Body>, app: FastifyInstance, request: FastifyRequest) => LegalAidCommand | Promise<LegalAidCommand>;
}

/** The route, ready to register (each keeps its own body type). */
export function fileCommandRoute<Body extends z.ZodObject>(route: FileCommandRoute<Body>): (app: FastifyInstance) => void {
  return (app) => registerFileCommand(app, route);
}

export function registerFileCommand<Body extends z.ZodObject>(app: FastifyInstance, route: FileCommandRoute<Body>): void {
  app.withTypeProvider<ZodTypeProvider>().post(`/files/:caseId/${route.action}`, {
    config: route.config,
    schema: {
      tags: ['legal-aid files'],
      summary: route.summary,
      security: bearerSecurity,
      params: caseIdParam,
      body: route.body.extend({ commandId: z.uuid() }),
      response: commandResponses,
    },
  }, async (request, reply) => {
    const now = app.legalAid.clock();
    // Parsed by this route's own schema (route.body with the commandId): the generic type is lost only to the compiler.
    const body = request.body as z.output<Body> & { commandId: string };
    const result = await runLegalAidCommand(app.legalAid.deps, {
      caseId: request.params.caseId,
      command: await route.command(body, app, request),
      now,
      organisation: actingOrganisation(app, request),
      context: commandContextOf(request, body.commandId, now),
      reaches: reachOf(request).includes,
    });
    return { caseId: request.params.caseId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });
}
