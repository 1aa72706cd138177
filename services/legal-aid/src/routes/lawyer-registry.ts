// The lawyer registry (法律援助律师名册) per district (the city's for the city office), kept by an
// administrator: list (paged), register, change, deactivate, each change an event on the registry's
// stream. And the suggestions for one file's assignment by current load. Out of reach = no such registry
// (or file).
import { StreamNotFoundError } from '@bureau/event-store';
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, etagOf, notFound, problemSchema, reachOf, readStreamState } from '@bureau/service-kit';
import { byPinyin, numerically, pageFields, pagedList, pagingQuery, sortField, type ListKey } from '@bureau/service-kit/paging';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registryOfOrganisation } from '../commands/assignment-inputs.js';
import { NO_SUCH_FILE, partiesOf } from '../commands/run-legal-aid-command.js';
import { reachableArea, readLawyerRegistry, runLawyerRegistryCommand } from '../commands/run-lawyer-registry-command.js';
import { evolve, initialState, lawyersOf, legalAidStreamName, needsExperiencedLawyer, suggestLawyers, type LawyerRegistryCommand } from '../domain/index.js';
import { legalAidEvents } from '../events/application-events.js';
import { caseLoadOf, openCasesOfLawyers } from '../read-models/search.js';
import { caseIdParam, shortText } from './inputs.js';
import { DECISION, REGISTRY_KEEPERS, REGISTRY_READERS } from './roles.js';

const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1 to 64)');
const details = {
  name: shortText,
  licenceNumber: z.string().trim().regex(/^\d{17}$/, '律师执业证号: 17 digits'),
  firmId: recordId,
  firmName: shortText,
  relevantPracticeSince: z.iso.date().describe('Since when the lawyer practises in the relevant field (Art. 26 counts whole years from it).'),
  specialties: z.array(shortText).max(20).default([]),
};
const districtParams = z.object({ districtId: recordId });
const lawyerParams = districtParams.extend({ lawyerId: recordId });
const problems = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema };
const registryReply = commandResponseSchema.extend({ districtId: z.string(), lawyerId: z.string() });
const lawyerView = z.object({
  lawyerId: z.string(), name: z.string(), licenceNumber: z.string(), firmId: z.string(), firmName: z.string(),
  relevantPracticeSince: z.string(), specialties: z.array(z.string()), active: z.boolean(), deactivatedReason: z.string().nullable(),
});
const suggestionView = z.object({
  lawyerId: z.string(), name: z.string(), firmId: z.string(), firmName: z.string(), relevantPracticeYears: z.number(), specialties: z.array(z.string()),
  openCases: z.number().describe('Open cases assigned to the lawyer now.'),
});

const lawyerSorts = ['registered', 'name', 'firm', 'practiceSince'] as const;
type Listed = { lawyerId: string; name: string; firmName: string; relevantPracticeSince: string; registered: number };

/** The registry's order (names and firms by pinyin); ties broken by the lawyer's id, so a page boundary never moves. */
function lawyerKeys(sort: (typeof lawyerSorts)[number], direction: 'asc' | 'desc'): ListKey<Listed>[] {
  const name: ListKey<Listed> = { of: (l) => l.name, compare: byPinyin, direction };
  const id: ListKey<Listed> = { of: (l) => l.lawyerId, direction };
  switch (sort) {
    case 'registered':
      return [{ of: (l) => String(l.registered), compare: numerically, direction }];
    case 'name':
      return [name, id];
    case 'firm':
      return [{ of: (l) => l.firmName, compare: byPinyin, direction }, name, id];
    case 'practiceSince':
      return [{ of: (l) => l.relevantPracticeSince, direction }, id];
    default: {
      const never: never = sort;
      return never;
    }
  }
}

export const lawyerRegistryRoutes: FastifyPluginAsyncZod = async (app) => {
  const run = async (request: Parameters<typeof commandContextOf>[0], reply: Parameters<typeof commandReply>[0], districtId: string, commandId: string, command: LawyerRegistryCommand) => {
    const now = app.legalAid.clock();
    const areaId = reachableArea(app.organisations.current(), districtId, reachOf(request).includes);
    const result = await runLawyerRegistryCommand(app.eventStore, { areaId, command, context: commandContextOf(request, commandId, now), now });
    return { districtId: areaId, lawyerId: command.data.lawyerId, ...commandReply(reply, result) };
  };

  app.get('/districts/:districtId/lawyers', {
    config: REGISTRY_READERS,
    schema: {
      tags: ['lawyer registry'], summary: '法律援助律师名册 The district\'s lawyer registry, paged', security: bearerSecurity, params: districtParams,
      querystring: z.strictObject({
        // registered: in the order registered; name, firm: by pinyin; practiceSince: the longest practice first.
        ...pagingQuery(lawyerSorts, 'registered'),
        active: z.enum(['true', 'false']).optional().describe('Only the active (or the inactive) lawyers.'),
      }),
      response: { 200: z.object({ districtId: z.string(), lawyers: z.array(lawyerView), ...pageFields('lawyer') }), ...problems },
    },
  }, async (request, reply) => {
    const areaId = reachableArea(app.organisations.current(), request.params.districtId, reachOf(request).includes);
    const { state, revision } = await readLawyerRegistry(app.eventStore, areaId);
    if (revision >= 0n) reply.header('etag', etagOf(revision));
    const { active } = request.query;
    const all = lawyersOf(state).map((l, registered) => ({ ...l, registered })).filter((l) => active === undefined || l.active === (active === 'true'));
    const { field, direction } = sortField(request.query.sort);
    const { rows, ...page } = pagedList(`/districts/${areaId}/lawyers`, request.query, all, lawyerKeys(field, direction));
    return { districtId: areaId, lawyers: rows.map(({ registered: _, ...l }) => ({ ...l, specialties: [...l.specialties] })), ...page };
  });

  app.post('/districts/:districtId/lawyers', {
    config: REGISTRY_KEEPERS,
    schema: {
      tags: ['lawyer registry'], summary: '登记 Register a lawyer (the id is the caller\'s, so a retry is recorded once)', security: bearerSecurity, params: districtParams,
      body: z.strictObject({ commandId: commandIdSchema, lawyerId: recordId, ...details }), response: { 200: registryReply, ...problems },
    },
  }, async (request, reply) => {
    const { commandId, ...data } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'RegisterLawyer', data });
  });

  app.put('/districts/:districtId/lawyers/:lawyerId', {
    config: REGISTRY_KEEPERS,
    schema: {
      tags: ['lawyer registry'], summary: '变更 Change a lawyer\'s details (the whole new details: firm, licence, practice start, specialties)', security: bearerSecurity,
      params: lawyerParams, body: z.strictObject({ commandId: commandIdSchema, ...details }), response: { 200: registryReply, ...problems },
    },
  }, async (request, reply) => {
    const { commandId, ...data } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'ChangeLawyerDetails', data: { lawyerId: request.params.lawyerId, ...data } });
  });

  app.post('/districts/:districtId/lawyers/:lawyerId/deactivation', {
    config: REGISTRY_KEEPERS,
    schema: {
      tags: ['lawyer registry'], summary: '停止指派 Deactivate a lawyer, with a reason (kept on the registry, no new assignments)', security: bearerSecurity,
      params: lawyerParams, body: z.strictObject({ commandId: commandIdSchema, reason: shortText }), response: { 200: registryReply, ...problems },
    },
  }, async (request, reply) => {
    const { commandId, reason } = request.body;
    return run(request, reply, request.params.districtId, commandId, { type: 'DeactivateLawyer', data: { lawyerId: request.params.lawyerId, reason } });
  });

  app.get('/files/:caseId/lawyer-suggestions', {
    config: DECISION,
    schema: {
      tags: ['legal-aid files'], summary: '推荐律师 Lawyers for this file by current load: fewest open cases first, without conflicts, Art. 26 where it applies', security: bearerSecurity,
      params: caseIdParam, response: { 200: z.object({ caseId: z.string(), suggestions: z.array(suggestionView) }), ...problems },
    },
  }, async (request) => {
    let file;
    try {
      file = (await readStreamState(app.eventStore, legalAidEvents, { initialState, evolve }, legalAidStreamName(request.params.caseId))).state;
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw notFound(NO_SUCH_FILE);
      throw error;
    }
    if (!partiesOf(file).some(reachOf(request).includes) || file.status === 'none' || file.status === 'awaiting_custody_forwarding') throw notFound(NO_SUCH_FILE);
    const registry = await registryOfOrganisation(app.eventStore, app.organisations.current(), file.competentOfficeId);
    const ids = lawyersOf(registry).map((l) => l.lawyerId);
    const db = app.legalAidReadModels.db;
    const [load, openCases] = await Promise.all([caseLoadOf(db, ids), openCasesOfLawyers(db, ids, null)]);
    const suggestions = suggestLawyers({
      registry, load, openCases, opposingParty: file.opposingParty, now: app.legalAid.clock(),
      needsExperience: needsExperiencedLawyer(file.notification?.ground ?? null, file.capitalCase),
    });
    return { caseId: request.params.caseId, suggestions: suggestions.map((s) => ({ ...s, specialties: [...s.specialties] })) };
  });
};
