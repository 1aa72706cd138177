// The districts a request's scope names, within the caller's reach: a district id (its own district for a
// district role) or the city id (every district, for a city-wide role). Anything else, or out of reach,
// answers exactly as an unknown district (404).
import { HttpProblem, problemTypes, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parsePeriod, type Period } from '../periods/period.js';
import type { DistrictUnit } from '../report/count.js';
import { cityUnits, districtUnit } from './units.js';

const notFound = () => new HttpProblem(404, 'Not Found', problemTypes.notFound, 'No such district or city.');

export interface Scoped {
  readonly scope: { readonly id: string; readonly name: string };
  readonly units: readonly DistrictUnit[];
  /** The city: a total row (全市合计) over its units. */
  readonly total?: boolean;
}

export function scopeOf(app: FastifyInstance, request: FastifyRequest, scopeId: string, options: { districtOnly?: boolean } = {}): Scoped {
  const reach = reachOf(request);
  const state = app.organisations.current();
  const org = state.organisations.get(scopeId);
  if (!org || org.closed) throw notFound();
  if (org.kind === 'district' && reach.includes(org.id)) return { scope: { id: org.id, name: org.name }, units: [districtUnit(state, org.id)] };
  if (org.kind === 'city' && reach.organisationIds === null) {
    // The city's own organisations (市本级) are a unit of their own, under the city's id (its drill-downs answer for them).
    const { districts, own } = cityUnits(state, org.id);
    if (options.districtOnly) return { scope: { id: org.id, name: own.name }, units: [own] };
    return { scope: { id: org.id, name: org.name }, units: [...districts, own], total: true };
  }
  throw notFound();
}

export function periodOf(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'period: a year (2026), a quarter (2026-Q1) or a month (2026-03)', { errors: [{ field: 'period', rule: 'pattern', message: 'a year, quarter or month' }] });
  return period;
}
