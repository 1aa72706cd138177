// The judicial office's monthly review (司法所月度审核) of one village's month: start it (from the 25th,
// CONFIGURABLE), return an entry with a reason, excuse a shortfall, approve after the month ends, reopen.
import { bearerSecurity } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ledgerCommandRoute } from './ledger-command.js';
import { REVIEWERS } from './roles.js';
import { bareCommandBody, commandResponses, entryParams, excuseBody, ledgerCommandResponse, ledgerParams, reasonBody } from './schemas.js';

const schemaOf = (summary: string) => ({ tags: ['review'], summary, security: bearerSecurity, response: commandResponses(ledgerCommandResponse) });

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/villages/:villageId/ledger/:month/review', {
    config: REVIEWERS,
    schema: { ...schemaOf('开始月度审核 Start the month\'s review'), params: ledgerParams, body: bareCommandBody },
  }, async (request, reply) => {
    const { villageId, month } = request.params;
    return ledgerCommandRoute(app, request, reply, { villageId, month, commandId: request.body.commandId, command: { type: 'StartMonthReview', data: {} } });
  });

  app.post('/villages/:villageId/ledger/:month/entries/:entryId/return', {
    config: REVIEWERS,
    schema: { ...schemaOf('退回更正 Return an entry for correction, with a reason'), params: entryParams, body: reasonBody },
  }, async (request, reply) => {
    const { villageId, month, entryId } = request.params;
    const { commandId, reason } = request.body;
    return ledgerCommandRoute(app, request, reply, { villageId, month, commandId, entryId, command: { type: 'ReturnEntry', data: { entryId, reason } } });
  });

  app.post('/villages/:villageId/ledger/:month/excuse', {
    config: REVIEWERS,
    schema: { ...schemaOf('说明未达标原因 Excuse the month\'s on-site shortfall'), params: ledgerParams, body: excuseBody },
  }, async (request, reply) => {
    const { villageId, month } = request.params;
    const { commandId, cause, reason } = request.body;
    return ledgerCommandRoute(app, request, reply, { villageId, month, commandId, command: { type: 'ExcuseShortfall', data: { cause, reason } } });
  });

  app.post('/villages/:villageId/ledger/:month/approval', {
    config: REVIEWERS,
    schema: { ...schemaOf('审核通过 Approve the month (after it ends); it is then closed'), params: ledgerParams, body: bareCommandBody },
  }, async (request, reply) => {
    const { villageId, month } = request.params;
    return ledgerCommandRoute(app, request, reply, { villageId, month, commandId: request.body.commandId, command: { type: 'ApproveMonth', data: {} } });
  });

  app.post('/villages/:villageId/ledger/:month/reopening', {
    config: REVIEWERS,
    schema: { ...schemaOf('重新打开 Reopen an approved month, with a reason'), params: ledgerParams, body: reasonBody },
  }, async (request, reply) => {
    const { villageId, month } = request.params;
    const { commandId, reason } = request.body;
    return ledgerCommandRoute(app, request, reply, { villageId, month, commandId, command: { type: 'ReopenMonth', data: { reason } } });
  });
};
