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
  /** The city: a total row (全市合计) over its units. */
  readonly total?: boolean;
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
  if (org.kind === 'city' && reach.organisationIds === null) {
    const districts = [...state.organisations.values()].filter((o) => o.kind === 'district' && o.parentId === org.id && !o.closed).sort((a, b) => a.id.localeCompare(b.id));
    // The city's own organisations (市本级: the city's legal-aid office, its stations …) belong to no
    // district: they are a unit of their own, under the city's id (its drill-downs answer for them).
    const inDistricts = new Set(districts.flatMap((d) => organisationsWithin(state, d)));
    const cityLevel = organisationsWithin(state, org).filter((o) => !inDistricts.has(o));
    const cityUnit: DistrictUnit = { id: org.id, name: `${org.name}本级`, orgIds: cityLevel, villageIds: cityLevel.filter((o) => state.organisations.get(o)?.kind === 'village') };
    if (options.districtOnly) return { scope: { id: org.id, name: cityUnit.name }, units: [cityUnit] };
    return { scope: { id: org.id, name: org.name }, units: [...districts.map((d) => unitOf(d.id)), cityUnit], total: true };
  }
  throw notFound();
}

export function periodOf(id: string): Period {
  const period = parsePeriod(id);
  if (!period) throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'period: a year (2026), a quarter (2026-Q1) or a month (2026-03)', { errors: [{ field: 'period', rule: 'pattern', message: 'a year, quarter or month' }] });
  return period;
}
