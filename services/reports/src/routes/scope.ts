// The districts a request's scope names, within the caller's reach: a district id (its own district for a
// district role) or the city id (every district, for a city-wide role). Anything else, or out of reach,
// answers exactly as an unknown district (404).
import { organisationsWithin } from '@bureau/organisations';
import { HttpProblem, problemTypes, reachOf } from '@bureau/service-kit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parsePeriod, type Period } from '../periods/period.js';
import type { DistrictUnit } from '../report/count.js';

const notFound = () => new HttpProblem(404, 'Not Found', problemTypes.notFound, 'No such district or city.');

export interface Scoped {
  readonly scope: { readonly id: string; readonly name: string };
  readonly units: readonly DistrictUnit[];
}

export function scopeOf(app: FastifyInstance, request: FastifyRequest, scopeId: string, options: { districtOnly?: boolean } = {}): Scoped {
  const reach = reachOf(request);
  const state = app.organisations.current();
  const org = state.organisations.get(scopeId);
  if (!org || org.closed) throw notFound();
  const unitOf = (id: string): DistrictUnit => {
    const district = state.organisations.get(id)!;
    const within = organisationsWithin(state, district);
    return { id, name: district.name, orgIds: within, villageIds: within.filter((o) => state.organisations.get(o)?.kind === 'village') };
  };
  if (org.kind === 'district' && reach.includes(org.id)) return { scope: { id: org.id, name: org.name }, units: [unitOf(org.id)] };
  if (org.kind === 'city' && !options.districtOnly && reach.organisationIds === null) {
    const districts = [...state.organisations.values()].filter((o) => o.kind === 'district' && o.parentId === org.id && !o.closed).sort((a, b) => a.id.localeCompare(b.id));
    return { scope: { id: org.id, name: org.name }, units: districts.map((d) => unitOf(d.id)) };
  }
  throw notFound();
}

export function periodOf(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'period: a year (2026), a quarter (2026-Q1) or a month (2026-03)', { errors: [{ field: 'period', rule: 'pattern', message: 'a year, quarter or month' }] });
  return period;
}
