// The advisor's side of the ledger (台账): log a service, correct or void one of their own entries.
// The advisor is the caller (token sub); the village's appointment on the date decides whether they may
// log there (advisor_not_appointed, 422). Never edited in place: a correction or a void is a new event.
import { actorOf, bearerSecurity, DomainRuleError } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { entryIn, monthOf, type LedgerMonthState } from '../domain/index.js';
import { ledgerCommandRoute } from './ledger-command.js';
import { ADVISORS } from './roles.js';
import { commandResponses, correctionBody, entryParams, ledgerCommandResponse, logServiceBody, reasonBody, villageParams } from './schemas.js';

/** An advisor corrects and voids their own entries only (issue 18: "logs and corrects for the villages of their appointments"). */
const ownEntry = (advisorId: string, entryId: string) => (state: LedgerMonthState) => {
  const entry = entryIn(state, entryId);
  if (entry && entry.content.advisorId !== advisorId) {
    throw new DomainRuleError('entry_of_another_advisor', '该记录由其他顾问登记，只能由其本人更正或作废 / the entry was logged by another advisor: only they correct or void it');
  }
};

export const ledgerEntryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/villages/:villageId/ledger/entries', {
    config: ADVISORS,
    schema: {
      tags: ['ledger'],
      summary: '登记服务 Log a service in the village\'s ledger (the month is the date\'s)',
      security: bearerSecurity,
      params: villageParams,
      body: logServiceBody,
      response: commandResponses(ledgerCommandResponse),
    },
  }, async (request, reply) => {
    const { commandId, entryId: given, ...details } = request.body;
    const entryId = given ?? commandId;
    const { villageId } = request.params;
    return ledgerCommandRoute(app, request, reply, {
      villageId,
      month: monthOf(details.date),
      commandId,
      entryId,
      command: { type: 'LogService', data: { entryId, villageId, advisorId: actorOf(request).id, ...details } },
    });
  });

  app.post('/villages/:villageId/ledger/:month/entries/:entryId/correction', {
    config: ADVISORS,
    schema: {
      tags: ['ledger'],
      summary: '更正 Correct an entry, with a reason (a returned entry goes back to review)',
      security: bearerSecurity,
      params: entryParams,
      body: correctionBody,
      response: commandResponses(ledgerCommandResponse),
    },
  }, async (request, reply) => {
    const { villageId, month, entryId } = request.params;
    const { commandId, reason, correction } = request.body;
    return ledgerCommandRoute(app, request, reply, {
      villageId, month, commandId, entryId,
      command: { type: 'CorrectEntry', data: { entryId, reason, correction } },
      check: ownEntry(actorOf(request).id, entryId),
    });
  });

  app.post('/villages/:villageId/ledger/:month/entries/:entryId/void', {
    config: ADVISORS,
    schema: {
      tags: ['ledger'],
      summary: '作废 Void an entry, with a reason (it stays in the history, counted nowhere)',
      security: bearerSecurity,
      params: entryParams,
      body: reasonBody,
      response: commandResponses(ledgerCommandResponse),
    },
  }, async (request, reply) => {
    const { villageId, month, entryId } = request.params;
    const { commandId, reason } = request.body;
    return ledgerCommandRoute(app, request, reply, {
      villageId, month, commandId, entryId,
      command: { type: 'VoidEntry', data: { entryId, reason } },
      check: ownEntry(actorOf(request).id, entryId),
    });
  });
};
