// A case, as an auditor sees it: its history (paged, each state as a change or whole), the state as of a
// past moment with what was due then, the diff between two points, and its chain's verdict.
import { bearerSecurity, HttpProblem, isWithinReach, problemSchema, problemTypes } from '@bureau/service-kit';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { linksOf, ReferralIndex } from '../cases/links.js';
import { asOf, diffBetween, historyPage, indexAsOf } from '../history/history-view.js';
import { openCase } from '../history/read-case.js';
import { caseVerdict, caseVerdictSchema } from './case-verdict.js';
import { caseParams, openForAuditor, personalDataParam } from './open-case.js';
import { CASE_AUDITORS } from './roles.js';
import { fieldChangeSchema, historyEntrySchema, pointSchema } from './schemas.js';

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const historyResponse = z.object({
  caseKind: z.string(), caseId: z.string(), stream: z.string(), personalDataMasked: z.boolean(),
  totalEvents: z.number(), nextFromRevision: z.string().nullable(), entries: z.array(historyEntrySchema),
});
/** Sends JSON already rendered (and checked against the route's schema when it was), as UTF-8 bytes encoded once. */
const sendRendered = (reply: FastifyReply, body: Buffer) => reply.type('application/json; charset=utf-8').send(body as never);
const badRequest = (detail: string) => new HttpProblem(400, 'Bad Request', problemTypes.validation, detail);

export const caseRoutes: FastifyPluginAsyncZod = async (app) => {
  // Who referred what, read from the store once and then only what came since (cases/links.ts).
  const referrals = new ReferralIndex(app.eventStore);
  const maxPage = app.audit.config.AUDIT_HISTORY_MAX_PAGE;

  app.get('/cases/:kind/:caseId/history', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['cases'],
      summary: 'Every event of the case with who, when, its hash and the state after it (by the owning service\'s own evolve)',
      security: bearerSecurity,
      params: caseParams,
      querystring: z.object({
        fromRevision: z.coerce.number().int().min(0).max(1e9).default(0),
        limit: z.coerce.number().int().min(1).max(maxPage).default(Math.min(100, maxPage)),
        /** changes: each state as the change from the one before; full: the whole state too. */
        state: z.enum(['changes', 'full']).default('changes'),
        personalData: personalDataParam,
      }).strict(),
      response: { 200: historyResponse, ...errors },
    },
  }, async (request, reply) => {
    const { fromRevision, limit, state, personalData } = request.query;
    const { opened, show, unmasked } = await openForAuditor(app, request, request.params, personalData, 'history');
    // A page is rendered once per replay (the case cache keeps both while the stream does not move),
    // checked against the declared schema then, and served as those bytes afterwards.
    const key = `history|${fromRevision}|${limit}|${state}|${unmasked}`;
    let body = opened.rendered.get(key);
    if (body === undefined) {
      const page = historyPage(opened, fromRevision, limit, state === 'full', show, opened.kind.initialState());
      body = Buffer.from(JSON.stringify(historyResponse.parse({ caseKind: request.params.kind, caseId: opened.caseId, stream: opened.streamName, personalDataMasked: !unmasked, ...page })));
      opened.rendered.set(key, body);
    }
    return sendRendered(reply, body);
  });

  app.get('/cases/:kind/:caseId/as-of', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['cases'],
      summary: 'The case\'s state as the record stood at a past moment, and what was due then',
      security: bearerSecurity,
      params: caseParams,
      querystring: z.object({ at: z.iso.datetime({ offset: true }), personalData: personalDataParam }).strict(),
      response: {
        200: z.object({
          caseKind: z.string(), caseId: z.string(), personalDataMasked: z.boolean(),
          at: z.string(), revision: z.string().nullable(), state: z.unknown(),
          due: z.array(z.object({ path: z.string(), dueAt: z.string(), passed: z.boolean() })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { opened, show, unmasked } = await openForAuditor(app, request, request.params, request.query.personalData, 'as-of');
    const view = asOf(opened, new Date(request.query.at), show, opened.kind.initialState());
    return { caseKind: request.params.kind, caseId: opened.caseId, personalDataMasked: !unmasked, ...view };
  });

  app.get('/cases/:kind/:caseId/diff', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['cases'],
      summary: 'What changed, field by field, between two points of the case (revisions, or moments)',
      security: bearerSecurity,
      params: caseParams,
      querystring: z.object({ from: pointSchema.default({ revision: -1 }), to: pointSchema, personalData: personalDataParam }).strict(),
      response: {
        200: z.object({
          caseKind: z.string(), caseId: z.string(), personalDataMasked: z.boolean(),
          fromRevision: z.string(), toRevision: z.string(), changes: z.array(fieldChangeSchema),
          events: z.array(z.object({ revision: z.string(), type: z.string() })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { from, to, personalData } = request.query;
    const { opened, show, unmasked } = await openForAuditor(app, request, request.params, personalData, 'diff');
    const indexOf = (p: typeof from) => ('revision' in p ? p.revision : indexAsOf(opened.steps, p.at));
    const [a, b] = [indexOf(from), indexOf(to)];
    const last = opened.steps.length - 1;
    if (a > last || b > last) throw badRequest(`The case's last revision is ${last}.`);
    if (a > b) throw badRequest('`from` must not come after `to`.');
    return { caseKind: request.params.kind, caseId: opened.caseId, personalDataMasked: !unmasked, ...diffBetween(opened, a, b, show, opened.kind.initialState()) };
  });

  app.get('/cases/:kind/:caseId/links', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['cases'],
      summary: 'Linked cases: the work order or ledger entry a legal-aid application came from, and the other way round',
      security: bearerSecurity,
      params: caseParams,
      response: {
        200: z.object({
          caseKind: z.string(), caseId: z.string(),
          links: z.array(z.object({ kind: z.enum(['work-order', 'legal-aid', 'advisor-ledger']), caseId: z.string(), relation: z.enum(['referred_from', 'referred_to']), entryId: z.string().optional() })),
        }),
        ...errors,
      },
    },
  }, async (request) => {
    const { opened } = await openForAuditor(app, request, request.params, 'masked', 'links');
    const candidates = await linksOf(referrals, request.params.kind, opened.caseId, opened.steps.map((s) => s.recorded));
    // A linked case outside the caller's reach (or missing) is not listed: as with any list.
    const links = [];
    for (const link of candidates) {
      const kind = app.audit.kinds.get(link.kind);
      const target = kind ? await openCase(app.eventStore, kind, link.caseId, (owners) => owners.some((o) => isWithinReach(request, o)), app.audit.cases) : undefined;
      if (target) links.push(link);
    }
    return { caseKind: request.params.kind, caseId: opened.caseId, links };
  });

  app.get('/cases/:kind/:caseId/verification', {
    config: CASE_AUDITORS,
    schema: {
      tags: ['cases'],
      summary: 'The case stream\'s hash chain recomputed (first broken link named), and compared with the latest anchor',
      security: bearerSecurity,
      params: caseParams,
      response: { 200: caseVerdictSchema, ...errors },
    },
  }, async (request) => {
    const { opened } = await openForAuditor(app, request, request.params, 'masked', 'verification');
    return caseVerdict(app, opened);
  });
};
