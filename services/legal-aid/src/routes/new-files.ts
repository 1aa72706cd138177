// Files that start without an application number: a custody application the authority announces before the
// paper arrives (Art. 39; the submission then names its id), and a notified case (Arts. 25, 28, 35-36: no
// application, no review; a lawyer within 3 days). The file's id is derived from the commandId.
import { bearerSecurity, COMMAND_EVENT_NAMESPACE, commandContextOf, commandReply, problemSchema, reachOf, uuidV5 } from '@bureau/service-kit';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runLegalAidCommand } from '../commands/run-legal-aid-command.js';
import type { LegalAidCommand } from '../domain/index.js';
import { fileCommandResponse } from './command-route.js';
import { instantInput, notificationInput, shortText } from './inputs.js';
import { actingOrganisation } from './options.js';
import { INTAKE } from './roles.js';

const responses = { 201: fileCommandResponse, 200: fileCommandResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema };

export const newFileRoutes: FastifyPluginAsync = async (app) => {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const start = async (request: FastifyRequest, commandId: string, command: (caseId: string) => LegalAidCommand) => {
    const now = app.legalAid.clock();
    const caseId = uuidV5(`legal-aid-file:${commandId}`, COMMAND_EVENT_NAMESPACE);
    const result = await runLegalAidCommand(app.legalAid.deps, {
      caseId, command: command(caseId), now, organisation: actingOrganisation(app, request),
      context: commandContextOf(request, commandId, now), reaches: reachOf(request).includes,
    });
    return { caseId, result };
  };

  typed.post('/custody-announcements', {
    config: INTAKE,
    schema: {
      tags: ['legal-aid files'], summary: '羁押人员申请 An authority announces an application from a person in custody (Art. 39)', security: bearerSecurity,
      body: z.strictObject({ commandId: z.uuid(), forwardingAuthority: shortText, receivedByAuthorityAt: instantInput }),
      response: responses,
    },
  }, async (request, reply) => {
    const { commandId, forwardingAuthority, receivedByAuthorityAt } = request.body;
    const { caseId, result } = await start(request, commandId, (id) => ({ type: 'AnnounceCustodyApplication', data: { applicationId: id, forwardingAuthority, receivedByAuthorityAt } }));
    reply.code(result.alreadyApplied ? 200 : 201);
    return { caseId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });

  typed.post('/notified-cases', {
    config: INTAKE,
    schema: {
      tags: ['legal-aid files'], summary: '通知辩护 A court, procuratorate or public security organ notifies a mandatory-defence case', security: bearerSecurity,
      body: notificationInput, response: responses,
    },
  }, async (request, reply) => {
    const { commandId, ...notice } = request.body;
    const { caseId, result } = await start(request, commandId, (id) => ({ type: 'ReceiveNotification', data: { caseId: id, ...notice } }));
    reply.code(result.alreadyApplied ? 200 : 201);
    return { caseId, events: result.events.map((e) => e.type), ...commandReply(reply, result) };
  });
};
