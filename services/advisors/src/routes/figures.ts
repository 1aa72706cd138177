// The figures beyond one village's month (issue 18, query side): per advisor (a month or a year), per
// township (its villages' month), and the district's year in the annual report's terms. Every list and
// count is over the ledger months within the caller's reach (`reachOf(request).organisationIds`, the
// judicial offices that own the ledgers): another district's data is in no list and no count, and a
// subject with nothing in reach answers 404 exactly as one that does not exist. No personal data.
import { actorOf, bearerSecurity, notFound, pageLinkOf, reachOf, restatementPageQuery } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { stateOrInitial } from '../commands/read-stream.js';
import { reachableDistrict } from '../commands/run-register-command.js';
import { advisorRegisterDecider, advisorRegisterStreamName, beijingDateOf, initialLedgerState, monthOf, serviceTypeNames } from '../domain/index.js';
import { advisorRegisterEvents } from '../events/index.js';
import { advisorNamesIn } from '../read-models/advisor-names.js';
import { advisorFigures, annualFigures, emptyTally, addEntries, monthsBetween, villageMonthFigures, withHours } from '../read-models/figures.js';
import { figuresAsClosed } from '../read-models/closed-periods.js';
import { ensureFresh } from '../read-models/freshness.js';
import { ledgerMonthsBetween } from '../read-models/ledger-queries.js';
import { LEDGER_MONTHS_PROJECTION } from '../read-models/ledger-months-projection.js';
import { allVillages, isDistrict } from '../registry/villages.js';
import { ADVISOR_FIGURE_READERS, ADVISOR_ROLE, FIGURE_READERS, STATISTICS_READERS } from './roles.js';
import { asClosedFigures, districtParams, ledgerMonth, organisationId, queryResponses, recordId } from './schemas.js';

const afterQuery = { after: z.string().optional().describe('A position "commit/prepare" from a write: wait (bounded) until the read model has applied it.') };
const json = z.record(z.string(), z.unknown());
const year = z.string().regex(/^\d{4}$/, 'a year YYYY');
const period = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'a year YYYY or a month YYYY-MM');
const noSuchAdvisor = () => notFound('No such advisor.');
const noSuchTownship = () => notFound('No such township (镇/街道).');

export const figureRoutes: FastifyPluginAsyncZod = async (app) => {
  const fresh = (request: Parameters<typeof ensureFresh>[1], reply: Parameters<typeof ensureFresh>[2]) =>
    ensureFresh(app, request, reply, LEDGER_MONTHS_PROJECTION, app.advisors.config.READ_YOUR_WRITES_WAIT_MS);
  const limitsOf = (districtId: string) => app.advisors.config.limitsFor(districtId);

  app.get('/advisors/:advisorId/figures/:period', {
    config: ADVISOR_FIGURE_READERS,
    schema: { tags: ['figures'], summary: '顾问统计 An advisor\'s month or year: their villages, hours on site and remote, services by type (within reach)', security: bearerSecurity,
      params: z.object({ advisorId: recordId, period }), querystring: z.strictObject(afterQuery), response: queryResponses(json) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const { advisorId, period: asked } = request.params;
    const reach = reachOf(request);
    const caller = actorOf(request);
    // An advisor sees their own figures only; anyone else's answers as none.
    if (caller.role === ADVISOR_ROLE && caller.id !== advisorId) throw noSuchAdvisor();
    const [from, to] = asked.length === 4 ? [`${asked}-01`, `${asked}-12`] : [asked, asked];
    const registry = app.organisations.current();
    const villages = new Map(allVillages(registry).map((v) => [v.villageId, v]));
    const rows = await ledgerMonthsBetween(app.advisorsReadModels.db, { offices: reach.organisationIds, from, to, advisorId });
    const figures = advisorFigures(advisorId, rows, (id) => villages.get(id));
    // Known: on the register of a district in reach, or with services in reach in the period.
    let advisor: { name: string; firm: string; districtId: string } | null = null;
    for (const o of registry.organisations.values()) {
      if (o.kind !== 'district' || !isDistrict(registry, o.id) || !reach.includes(o.id)) continue;
      const { state } = await stateOrInitial(app.eventStore, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(o.id));
      const found = state.status === 'kept' ? state.advisors.find((a) => a.advisorId === advisorId) : undefined;
      if (found) {
        advisor = { name: found.name, firm: found.firm, districtId: o.id };
        break;
      }
    }
    if (!advisor && figures.services === 0) throw noSuchAdvisor();
    return { advisorId, period: asked, from, to, advisor, ...figures };
  });

  app.get('/townships/:townshipId/figures/:month', {
    config: FIGURE_READERS,
    schema: { tags: ['figures'], summary: '镇街统计 A township\'s villages in a month: hours on site and remote, services by type, reviewed or not, shortfall', security: bearerSecurity,
      params: z.object({ townshipId: organisationId, month: ledgerMonth }), querystring: z.strictObject({ ...afterQuery, ...restatementPageQuery }), response: queryResponses(asClosedFigures) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const { townshipId, month } = request.params;
    const reach = reachOf(request);
    const villages = allVillages(app.organisations.current()).filter((v) => v.townshipId === townshipId && reach.includes(v.judicialOfficeId));
    if (villages.length === 0) throw noSuchTownship();
    // A month the district's statistician has closed answers as of the close (read-models/closed-periods.ts).
    const answer = await figuresAsClosed({
      db: app.advisorsReadModels.db, store: app.eventStore, districtId: villages[0]!.districtId, period: month, now: app.advisors.clock(),
      page: { ...request.query, link: pageLinkOf(`/townships/${townshipId}/figures/${month}`, request.query) },
      load: (db) => ledgerMonthsBetween(db, { offices: reach.organisationIds, from: month, to: month, villageIds: villages.map((v) => v.villageId) }),
      figures: (loaded) => {
        const rows = new Map(loaded.map((r) => [r.villageId, r.state]));
        const list = villages.map((v) => villageMonthFigures(v, rows.get(v.villageId) ?? initialLedgerState(), limitsOf(v.districtId)));
        const total = emptyTally();
        for (const state of rows.values()) addEntries(total, state);
        return {
          totals: {
            villages: list.length, ...withHours(total),
            reviewed: list.filter((v) => v.reviewed).length,
            met: list.filter((v) => v.onSite.outcome === 'met').length,
            short: list.filter((v) => v.onSite.outcome === 'short').length,
            excused: list.filter((v) => v.onSite.outcome === 'excused').length,
          },
          villages: list,
        };
      },
    });
    // Each village's advisors by name and firm (public), as the office knows them; never their phone or licence.
    const districtId = villages[0]!.districtId;
    const names = await advisorNamesIn(app.eventStore, [districtId]);
    const named = answer.body.villages.map((v) => ({ ...v, advisors: v.advisors.map((advisorId) => ({ advisorId, advisor: names(districtId, advisorId) })) }));
    return { townshipId, month, judicialOfficeId: villages[0]?.judicialOfficeId ?? null, ...answer.body, villages: named, closed: answer.closed, restatements: answer.restatements };
  });

  app.get('/districts/:districtId/annual/:year', {
    config: STATISTICS_READERS,
    schema: { tags: ['figures'], summary: '年度报告 The district\'s year in the annual report\'s terms: services (件/次) by type, hours on site, villages that met the monthly minimum every month', security: bearerSecurity,
      params: districtParams.extend({ year }), querystring: z.strictObject({ ...afterQuery, ...restatementPageQuery }), response: queryResponses(asClosedFigures) },
  }, async (request, reply) => {
    await fresh(request, reply);
    const { districtId, year: y } = request.params;
    const reach = reachOf(request);
    const registry = app.organisations.current();
    // As the district's month: a judicial office sees its own villages' part (the same figures, scoped).
    const villages = allVillages(registry).filter((v) => v.districtId === districtId && reach.includes(v.judicialOfficeId));
    if (villages.length === 0) reachableDistrict(registry, districtId, reach.includes);
    const months = monthsBetween(`${y}-01`, `${y}-12`);
    // A year the district's statistician has closed answers as of the close (read-models/closed-periods.ts);
    // the minimum is judged on months that had ended (Beijing time) then, or now: the year so far.
    const answer = await figuresAsClosed({
      db: app.advisorsReadModels.db, store: app.eventStore, districtId, period: y, now: app.advisors.clock(),
      page: { ...request.query, link: pageLinkOf(`/districts/${districtId}/annual/${y}`, request.query) },
      load: (db) => ledgerMonthsBetween(db, { offices: reach.organisationIds, from: months[0]!, to: months[11]!, villageIds: villages.map((v) => v.villageId) }),
      figures: (rows, at) => {
        const current = monthOf(beijingDateOf(at));
        return annualFigures(villages, rows, months, months.filter((m) => m < current), limitsOf);
      },
    });
    return {
      districtId, year: y, asOf: app.advisors.clock().toISOString(),
      counting: {
        services: '件/次: ledger entries in force (not voided), by service date, whatever their review status',
        onSiteHours: 'the durations of entries in force marked on site',
        villagesMetEveryMonth: 'villages whose on-site minutes reached the district\'s monthly minimum in every ended month of the year (an excused month is not met; a month with no ledger is short)',
      },
      minimumMinutes: Math.round(limitsOf(districtId).minimumOnSiteHoursPerMonth * 60),
      typeNames: serviceTypeNames,
      ...answer.body,
      closed: answer.closed,
      restatements: answer.restatements,
    };
  });
};
