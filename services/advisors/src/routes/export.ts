// GET /judicial-offices/:officeId/ledger/:month/export.xlsx: the township's month (every village the office
// reviews) as an XLSX ledger in the import template's columns, to send upward (issue 18). Persons served
// unmasked for the office itself, masked for the district and the city.
import { actorOf, bearerSecurity, isWithinReach, notFound } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { advisorLedgerDecider, advisorLedgerStreamName, advisorRegisterDecider, advisorRegisterStreamName } from '../domain/index.js';
import { advisorLedgerEvents, advisorRegisterEvents } from '../events/index.js';
import { ledgerExport } from '../import/index.js';
import { maskContent } from '../read-models/mask.js';
import { allVillages } from '../registry/villages.js';
import { FIGURE_READERS, PERSONAL_DATA_READERS } from './roles.js';
import { ledgerMonth, organisationId } from './schemas.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const exportRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/judicial-offices/:officeId/ledger/:month/export.xlsx', {
    config: FIGURE_READERS,
    schema: { tags: ['figures'], summary: '导出台账 The township\'s month as an XLSX ledger in the import template\'s columns', security: bearerSecurity,
      params: z.object({ officeId: organisationId, month: ledgerMonth }) },
  }, async (request, reply) => {
    const { officeId, month } = request.params;
    const registry = app.organisations.current();
    const villages = allVillages(registry).filter((v) => v.judicialOfficeId === officeId);
    if (villages.length === 0 || !isWithinReach(request, officeId)) throw notFound('No such judicial office.');
    const names = new Map<string, string>();
    for (const districtId of new Set(villages.map((v) => v.districtId))) {
      const { state } = await stateOrInitial(app.eventStore, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
      if (state.status === 'kept') for (const a of state.advisors) names.set(a.advisorId, a.licenceNumber);
    }
    const ledgers = [];
    for (const v of villages) {
      const { state } = await stateOrInitial(app.eventStore, advisorLedgerEvents, advisorLedgerDecider, advisorLedgerStreamName(v.villageId, month));
      ledgers.push({ name: v.name, state });
    }
    const unmasked = PERSONAL_DATA_READERS.includes(actorOf(request).role);
    // The advisor by licence number: unique on the register, and what the import reads back.
    const file = await ledgerExport(ledgers, (advisorId) => names.get(advisorId) ?? advisorId, unmasked ? (c) => c : maskContent);
    reply.header('content-type', XLSX).header('content-disposition', `attachment; filename="${officeId}-${month}.xlsx"`);
    return reply.send(file);
  });
};
