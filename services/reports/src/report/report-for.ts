// The report of a scope and period as the routes and outputs serve it, with each figure's drill-down links.
import type { GlobalPosition } from '@bureau/event-store';
import { HttpProblem, problemTypes } from '@bureau/service-kit';
import type { FastifyInstance } from 'fastify';
import { FACTS_PROJECTION } from '../read-models/facts-projection.js';
import { atLocalTime } from '@bureau/working-calendar';
import type { Period } from '../periods/period.js';
import type { Scoped } from '../routes/scope.js';
import { buildReport, type Report } from './build-report.js';
import { figures, rates, VILLAGES_MET_EVERY_MONTH } from './figures.js';

/** The instant a month 'YYYY-MM' ends (the next month's first moment, Beijing time). */
export function monthEnd(month: string): Date {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return atLocalTime(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`);
}

export const drillDownUrl = (districtId: string, period: string, figure: string) => `/reports/${districtId}/${period}/figures/${figure}/facts`;

export function linksOf(districtId: string, period: string) {
  return {
    figures: Object.fromEntries([...figures.map((f) => f.key), VILLAGES_MET_EVERY_MONTH].map((k) => [k, drillDownUrl(districtId, period, k)])),
    rates: Object.fromEntries(rates.map((r) => [r.key, { numerator: drillDownUrl(districtId, period, r.numerator), denominator: drillDownUrl(districtId, period, r.denominator) }])),
  };
}

export async function reportFor(app: FastifyInstance, scoped: Scoped, period: Period): Promise<Report> {
  const { remember, carry, keeping } = await app.reports.figures.at(app.reportsReadModels.db, app.reportsReadModels.talliesTable);
  return buildReport({
    db: app.reportsReadModels.db,
    store: app.eventStore,
    scope: scoped.scope,
    units: scoped.units,
    withTotal: scoped.total === true,
    period,
    now: app.reports.clock(),
    monthEnds: monthEnd,
    ensureApplied: (position) => ensureApplied(app, position),
    remember,
    carry,
    keeping,
  });
}

/** 503 "not yet" (with Retry-After) rather than a closed figure counted before its facts are all in. */
export async function ensureApplied(app: FastifyInstance, position: GlobalPosition): Promise<void> {
  if ((await app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, position, 5_000)) === 'reached') return;
  throw new HttpProblem(503, 'Service Unavailable', problemTypes.unavailable, 'The figures are still being brought up to the period\'s close; try again shortly.', { retryAfterSeconds: 2 });
}
