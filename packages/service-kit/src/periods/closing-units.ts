// Whose close (关账) freezes an organisation's figures: the statistician of the open district it sits in,
// or, for the city's own organisations (市本级: the city's bureau, its legal-aid office and that office's
// stations, and whatever is left in a district since closed), the city's statistician, whose close is
// recorded under the city's id (`reportPeriods-<cityId>`). The same units the reports service counts a
// row for (services/reports/src/routes/units.ts): each open district's subtree, and the city's subtree
// outside them. Pure over the registry's state (the kit does not know the registry's package).

export interface RegisteredOrganisation {
  readonly id: string;
  readonly kind: string;
  readonly parentId: string | null;
  readonly closed: boolean;
}

export interface RegisteredOrganisations {
  readonly organisations: ReadonlyMap<string, RegisteredOrganisation>;
}

const unitsByState = new WeakMap<RegisteredOrganisations, ReadonlyMap<string, string>>();

/** The id each organisation's period is closed under (its open district's, else its city's); an organisation under no city has none. */
export function closingUnitsOf(registry: RegisteredOrganisations): ReadonlyMap<string, string> {
  const kept = unitsByState.get(registry);
  if (kept) return kept;
  const units = new Map<string, string>();
  const unitOf = (id: string): string | undefined => {
    if (units.has(id)) return units.get(id);
    const o = registry.organisations.get(id);
    // A district that is open is a unit of its own; a city is the unit of everything else under it.
    const unit = !o ? undefined
      : o.kind === 'city' ? o.id
      : o.kind === 'district' && !o.closed ? o.id
      : o.parentId === null ? undefined : unitOf(o.parentId);
    if (unit !== undefined) units.set(id, unit);
    return unit;
  };
  for (const id of registry.organisations.keys()) unitOf(id);
  unitsByState.set(registry, units);
  return units;
}

/** The id `organisationId`'s period is closed under: a district's id, or the city's for 市本级; undefined when unknown. */
export const closingUnitOf = (registry: RegisteredOrganisations, organisationId: string): string | undefined => closingUnitsOf(registry).get(organisationId);

/** The units whose closes count for these organisations (every unit when null), in id order. */
export function closingUnitsFor(registry: RegisteredOrganisations, organisationIds: Iterable<string> | null): string[] {
  const units = closingUnitsOf(registry);
  const found = new Set<string>();
  if (organisationIds === null) for (const unit of units.values()) found.add(unit);
  else for (const id of organisationIds) {
    const unit = units.get(id);
    if (unit !== undefined) found.add(unit);
  }
  return [...found].sort();
}

const membersByState = new WeakMap<RegisteredOrganisations, ReadonlyMap<string, readonly string[]>>();

/** The organisations whose period is closed under `unitId` (the unit itself among them). */
export function organisationsClosedUnder(registry: RegisteredOrganisations, unitId: string): readonly string[] {
  let members = membersByState.get(registry);
  if (!members) {
    const found = new Map<string, string[]>();
    for (const [id, unit] of closingUnitsOf(registry)) (found.get(unit) ?? found.set(unit, []).get(unit)!).push(id);
    membersByState.set(registry, (members = found));
  }
  return members.get(unitId) ?? [];
}
