// The query side: one ledger as it stands (from its stream, so always current), the judicial office's
// review queue, the month's on-site minutes per village against the minimum, and a district's month.
// Lists come from the read model (?after=<position> to read your own write) and never show persons served.
import { actorOf, bearerSecurity, notFound, pageLinkOf, reachOf, restatementPageQuery } from '@bureau/service-kit';
import { byPinyin, numerically, pageFields, pagedList, pagingQuery, sortField, type ListKey } from '@bureau/service-kit/paging';
import type { FastifyRequest } from 'fastify';
import { readEvidence } from '../storage/evidence-store.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { reachableVillage } from '../commands/run-ledger-command.js';
import { noSuchVillage } from '../commands/errors.js';
import { reachableDistrict } from '../commands/run-register-command.js';
import {
  advisorAppointmentsStreamName, advisorLedgerDecider, advisorLedgerStreamName, beijingDateOf, dayOfMonthStartsAt, lastDayOf, monthEndsAt, monthOf,
  villageAppointmentsDecider, serviceTypes, initialLedgerState, type LedgerMonthState,
} from '../domain/index.js';
import { advisorLedgerEvents, villageAppointmentEvents } from '../events/index.js';
import { advisorNamesIn, namedShares } from '../read-models/advisor-names.js';
import { ensureFresh } from '../read-models/freshness.js';
import { figuresAsClosed } from '../read-models/closed-periods.js';
import { ledgerMonths } from '../read-models/ledger-queries.js';
import { LEDGER_MONTHS_PROJECTION } from '../read-models/ledger-months-projection.js';
import { ledgerView, monthFigures, onSiteView } from '../read-models/ledger-view.js';
import { allVillages } from '../registry/villages.js';
import { ADVISOR_ROLE, FIGURE_READERS, LEDGER_READERS, PERSONAL_DATA_READERS, STATISTICS_READERS } from './roles.js';
import { asClosedFigures, districtParams, ledgerMonth, ledgerParams, queryResponses } from './schemas.js';

const afterQuery = { after: z.string().optional().describe('A position "commit/prepare" from a write: wait (bounded) until the read model has applied it.') };
const json = z.record(z.string(), z.unknown());

// Both lists are filtered by rules SQL cannot state (each district's review day; villages with no ledger),
// so they sort and page in memory, by the kit's keyset paging. Ties end on the village's id.
const queueKeys = (field: 'month' | 'returned', direction: 'asc' | 'desc'): ListKey<{ month: string; villageId: string; returnedOutstanding: number }>[] => [
  ...(field === 'returned' ? [{ of: (i: { returnedOutstanding: number }) => String(i.returnedOutstanding), compare: numerically, direction }] : []),
  { of: (i) => i.month, direction: field === 'month' ? direction : 'asc' },
  { of: (i) => i.villageId, direction: 'asc' },
];
const onSiteKeys = (field: 'village' | 'short', direction: 'asc' | 'desc'): ListKey<{ name: string; villageId: string; shortByMinutes: number }>[] => [
  ...(field === 'short' ? [{ of: (v: { shortByMinutes: number }) => String(v.shortByMinutes), compare: numerically, direction }] : []),
  { of: (v) => v.name, compare: byPinyin, direction: field === 'village' ? direction : 'asc' },
  { of: (v) => v.villageId, direction: 'asc' },
];

export const ledgerQueryRoutes: FastifyPluginAsyncZod = async (app) => {
  const fresh = (request: Parameters<typeof ensureFresh>[1], reply: Parameters<typeof ensureFresh>[2]) =>
    ensureFresh(app, request, reply, LEDGER_MONTHS_PROJECTION, app.advisors.config.READ_YOUR_WRITES_WAIT_MS);
  const limitsOf = (districtId: string) => app.advisors.config.limitsFor(districtId);

  /** The ledger, if the caller may read it (in reach; an advisor: a village they served that month); else 404. */
  const readableLedger = async (request: FastifyRequest, villageId: string, month: string) => {
    const reach = reachOf(request);
    const village = reachableVillage(app.organisations.current(), villageId, reach.includes);
    const caller = actorOf(request);
    if (caller.role === ADVISOR_ROLE) {
      // An advisor reads the ledgers of the villages they served that month, and only those.
      const { state } = await stateOrInitial(app.eventStore, villageAppointmentEvents, villageAppointmentsDecider, advisorAppointmentsStreamName(villageId));
      const first = `${month}-01`;
      const served = state.status === 'kept' && state.appointments.some((a) => a.advisorId === caller.id && a.from <= lastDayOf(month) && (a.endedOn ?? a.to) >= first);
      if (!served) throw noSuchVillage();
    }
    const { state } = await stateOrInitial(app.eventStore, advisorLedgerEvents, advisorLedgerDecider, advisorLedgerStreamName(villageId, month));
    if (state.status !== 'unopened' && !reach.includes(state.judicialOfficeId)) throw noSuchVillage();
    return { village, state, caller };
  };

  app.get('/villages/:villageId/ledger/:month', {
    config: LEDGER_READERS,
    schema: { tags: ['ledger'], summary: '台账 The village\'s month as it stands, each entry with its history', security: bearerSecurity,
      params: ledgerParams, response: queryResponses(json) },
  }, async (request) => {
    const { villageId, month } = request.params;
    const { village, state, caller } = await readableLedger(request, villageId, month);
    const unmasked = PERSONAL_DATA_READERS.includes(caller.role);
    const names = await advisorNamesIn(app.eventStore, [village.districtId]);
    return {
      name: village.name,
      ...ledgerView(villageId, month, state, limitsOf(village.districtId), app.advisors.clock(), (advisorId) => unmasked || (caller.role === ADVISOR_ROLE && advisorId === caller.id), (advisorId) => names(village.districtId, advisorId)),
    };
  });

  app.get('/villages/:villageId/ledger/:month/evidence/:sha256', {
    config: LEDGER_READERS,
    schema: { tags: ['ledger'], summary: '证据 An evidence file an entry of this ledger references (now or in its history)', security: bearerSecurity,
      params: ledgerParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lowercase hex') }) },
  }, async (request, reply) => {
    const { villageId, month, sha256 } = request.params;
    const { state } = await readableLedger(request, villageId, month);
    // A file is served through a ledger that references it: whoever may read the ledger may see it.
    const referenced = state.status !== 'unopened' && state.entries.some((e) => e.history.some((h) => 'content' in h && h.content.evidence.some((r) => r.sha256 === sha256)));
    const file = referenced ? await readEvidence(app.db, sha256) : undefined;
    if (!file) throw notFound('No such evidence in this ledger.');
    reply.header('content-type', file.mediaType ?? 'application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable');
    return reply.send(file.content);
  });

  app.get('/review-queue', {
    config: FIGURE_READERS,
    schema: { tags: ['review'], summary: '待审核 The months awaiting review in reach: not approved, ended or with the review window open', security: bearerSecurity,
      querystring: z.strictObject({
        // month: oldest first (-month: newest); -returned: most entries returned and not yet corrected first.
        ...afterQuery, month: ledgerMonth.optional(), ...pagingQuery(['month', 'returned'], 'month'),
      }),
      response: queryResponses(z.object({ items: z.array(json), ...pageFields('month awaiting review') })) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const now = app.advisors.clock();
    const registry = app.organisations.current();
    const villages = new Map(allVillages(registry).map((v) => [v.villageId, v]));
    const rows = await ledgerMonths(app.advisorsReadModels.db, {
      offices: reachOf(request).organisationIds, statuses: ['open', 'in_review'], upToMonth: monthOf(beijingDateOf(now)),
      ...(request.query.month ? { month: request.query.month } : {}),
    });
    const items = rows
      .map((row) => {
        const limits = limitsOf(villages.get(row.villageId)?.districtId ?? '');
        const figures = monthFigures(row.state);
        const resubmitted = row.state.status === 'unopened' ? 0 : row.state.entries.filter((e) => e.status === 'standing' && e.returned === null && e.history.some((h) => h.change === 'returned')).length;
        return {
          villageId: row.villageId, name: villages.get(row.villageId)?.name ?? row.villageId, judicialOfficeId: row.judicialOfficeId, month: row.month, status: row.status,
          monthEnded: now >= monthEndsAt(row.month),
          reviewWindowOpen: now >= dayOfMonthStartsAt(row.month, limits.reviewStartsOnDay),
          entries: figures.entries, returnedOutstanding: figures.returned, resubmitted,
          onSite: onSiteView(row.state, limits).outcome,
        };
      })
      .filter((i) => i.reviewWindowOpen);
    const { field, direction } = sortField(request.query.sort);
    const { rows: page, ...paging } = pagedList('/review-queue', request.query, items, queueKeys(field, direction));
    return { items: page, ...paging };
  });

  app.get('/on-site/:month', {
    config: FIGURE_READERS,
    schema: { tags: ['figures'], summary: '驻点时长 The month\'s on-site minutes per village in reach against the minimum: met, short or excused', security: bearerSecurity,
      params: z.object({ month: ledgerMonth }),
      querystring: z.strictObject({
        // village: by name (pinyin); -short: the largest shortfall first.
        ...afterQuery, ...pagingQuery(['village', 'short'], 'village'),
        outcome: z.enum(['met', 'short', 'excused']).optional().describe('Only the villages with this outcome.'),
      }),
      response: queryResponses(z.object({ month: z.string(), villages: z.array(json), ...pageFields('village') })) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const { month } = request.params;
    const reach = reachOf(request);
    const villages = allVillages(app.organisations.current()).filter((v) => reach.includes(v.judicialOfficeId));
    const rows = new Map((await ledgerMonths(app.advisorsReadModels.db, { offices: reach.organisationIds, month })).map((r) => [r.villageId, r]));
    const { outcome } = request.query;
    // Villages come from the registry (a village with no ledger is short by all), so they sort and page here.
    const all = villages
      .map((v) => {
        const state: LedgerMonthState = rows.get(v.villageId)?.state ?? initialLedgerState();
        const onSite = onSiteView(state, limitsOf(v.districtId));
        return { villageId: v.villageId, name: v.name, judicialOfficeId: v.judicialOfficeId, districtId: v.districtId, status: state.status, ...onSite };
      })
      .filter((v) => outcome === undefined || v.outcome === outcome);
    const { field, direction } = sortField(request.query.sort);
    const { rows: page, ...paging } = pagedList(`/on-site/${month}`, request.query, all, onSiteKeys(field, direction));
    // Each share named (the registers of the page's districts only: a page holds a few).
    const names = await advisorNamesIn(app.eventStore, page.map((v) => v.districtId));
    return { month, villages: page.map(({ districtId, ...v }) => ({ ...v, byAdvisor: namedShares(v.byAdvisor, districtId, names) })), ...paging };
  });

  app.get('/districts/:districtId/summary/:month', {
    config: STATISTICS_READERS,
    schema: { tags: ['figures'], summary: '区汇总 The district\'s month: villages met / short / excused, hours on site and remote, services by type, months approved', security: bearerSecurity,
      params: districtParams.extend({ month: ledgerMonth }), querystring: z.strictObject({ ...afterQuery, ...restatementPageQuery }),
      response: queryResponses(asClosedFigures) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const { districtId, month } = request.params;
    const reach = reachOf(request);
    const registry = app.organisations.current();
    // A judicial office does not reach its district: it sees its own villages' part (the same figures, scoped).
    const inDistrict = allVillages(registry).filter((v) => v.districtId === districtId && reach.includes(v.judicialOfficeId));
    if (inDistrict.length === 0) reachableDistrict(registry, districtId, reach.includes);
    // A month the district's statistician has closed answers as of the close (read-models/closed-periods.ts).
    const answer = await figuresAsClosed({
      db: app.advisorsReadModels.db, store: app.eventStore, districtId, period: month, now: app.advisors.clock(),
      page: { ...request.query, link: pageLinkOf(`/districts/${districtId}/summary/${month}`, request.query) },
      load: (db) => ledgerMonths(db, { offices: reach.organisationIds, month }),
      figures: (loaded) => {
        const rows = new Map(loaded.map((r) => [r.villageId, r]));
        const totals = { villages: inDistrict.length, met: 0, short: 0, excused: 0, approved: 0, inReview: 0, onSiteMinutes: 0, remoteMinutes: 0, entries: 0 };
        const byType = Object.fromEntries(serviceTypes.map((t) => [t, 0])) as Record<string, number>;
        for (const v of inDistrict) {
          const row = rows.get(v.villageId);
          const state = row?.state ?? initialLedgerState();
          totals[onSiteView(state, limitsOf(districtId)).outcome] += 1;
          if (state.status === 'approved') totals.approved += 1;
          if (state.status === 'in_review') totals.inReview += 1;
          const f = monthFigures(state);
          totals.onSiteMinutes += f.onSiteMinutes;
          totals.remoteMinutes += f.remoteMinutes;
          totals.entries += f.entries;
          for (const [t, n] of Object.entries(f.byType)) byType[t] = (byType[t] ?? 0) + n;
        }
        return { ...totals, byType };
      },
    });
    return { districtId, month, minimumMinutes: Math.round(limitsOf(districtId).minimumOnSiteHoursPerMonth * 60), ...answer.body, closed: answer.closed, restatements: answer.restatements };
  });
};

