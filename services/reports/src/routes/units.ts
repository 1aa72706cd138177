// The report's units (a district's organisations, the city's own 市本级 ones) worked out once per registry
// state: every report, drill-down and output asks for them, and walking the registry afresh per district
// costs a province's hundred districts × its twenty thousand organisations on every request.
import type { Organisation, RegistryState } from '@bureau/organisations';
import type { DistrictUnit } from '../report/count.js';

interface Units {
  /** A district's unit by its id. */
  readonly districts: Map<string, DistrictUnit>;
  /** A city's open districts (in id order) and its own unit (市本级), by the city's id. */
  readonly cities: Map<string, { readonly districts: readonly DistrictUnit[]; readonly own: DistrictUnit }>;
}

const unitsByState = new WeakMap<RegistryState, Units>();

/** Every organisation under `top`, itself first, breadth first (as `organisationsWithin` lists them). */
function subtree(children: ReadonlyMap<string, readonly string[]>, top: string): string[] {
  const found = [top];
  for (let i = 0; i < found.length; i += 1) found.push(...(children.get(found[i]!) ?? []));
  return found;
}

function unitsOf(state: RegistryState): Units {
  const kept = unitsByState.get(state);
  if (kept) return kept;
  const children = new Map<string, string[]>();
  for (const o of state.organisations.values()) {
    if (!o.parentId) continue;
    const siblings = children.get(o.parentId);
    if (siblings) siblings.push(o.id);
    else children.set(o.parentId, [o.id]);
  }
  const unitOf = (id: string, name: string, orgIds: string[]): DistrictUnit =>
    ({ id, name, orgIds, villageIds: orgIds.filter((o) => state.organisations.get(o)?.kind === 'village') });
  const units: Units = { districts: new Map(), cities: new Map() };
  const unitOfDistrict = (d: Organisation) => units.districts.get(d.id) ?? units.districts.set(d.id, unitOf(d.id, d.name, subtree(children, d.id))).get(d.id)!;
  for (const o of state.organisations.values()) if (o.kind === 'district') unitOfDistrict(o);
  for (const city of state.organisations.values()) {
    if (city.kind !== 'city') continue;
    const districts = [...state.organisations.values()].filter((o) => o.kind === 'district' && o.parentId === city.id && !o.closed).sort((a, b) => a.id.localeCompare(b.id)).map(unitOfDistrict);
    // The city's own organisations (市本级: the city's legal-aid office, its stations …) belong to no
    // district: they are a unit of their own, under the city's id.
    const inDistricts = new Set(districts.flatMap((d) => d.orgIds));
    const own = unitOf(city.id, `${city.name}本级`, subtree(children, city.id).filter((o) => !inDistricts.has(o)));
    units.cities.set(city.id, { districts, own });
  }
  unitsByState.set(state, units);
  return units;
}

export const districtUnit = (state: RegistryState, districtId: string): DistrictUnit => unitsOf(state).districts.get(districtId)!;
export const cityUnits = (state: RegistryState, cityId: string) => unitsOf(state).cities.get(cityId)!;
