// The villages (村/社区) as the organisation registry holds them, with what the advisors' rules need:
// the township (镇/街道) a village sits under, that township's judicial office (司法所), which reviews
// its ledgers and owns them for every reach check, and its district (whose register and limits apply).
import { districtOf, lineageOf, type RegistryState } from '@bureau/organisations';

export interface RegisteredVillage {
  readonly villageId: string;
  readonly name: string;
  readonly townshipId: string;
  readonly judicialOfficeId: string;
  readonly districtId: string;
}

/** The judicial office of a township: its open `judicial_office` child (one per township). */
export function judicialOfficeOf(state: RegistryState, townshipId: string): string | undefined {
  for (const o of state.organisations.values()) {
    if (o.parentId === townshipId && o.kind === 'judicial_office' && !o.closed) return o.id;
  }
  return undefined;
}

/** An open village with its township, judicial office and district; undefined otherwise. */
export function villageOf(state: RegistryState, villageId: string): RegisteredVillage | undefined {
  const line = lineageOf(state, villageId);
  const [village, township] = line;
  if (!village || village.kind !== 'village' || line.some((o) => o.closed)) return undefined;
  if (!township || township.kind !== 'township') return undefined;
  const judicialOfficeId = judicialOfficeOf(state, township.id);
  const district = districtOf(state, villageId);
  if (!judicialOfficeId || !district) return undefined;
  return { villageId: village.id, name: village.name, townshipId: township.id, judicialOfficeId, districtId: district.id };
}

/** Every open village of the registry, in registration order. */
export function allVillages(state: RegistryState): RegisteredVillage[] {
  const found: RegisteredVillage[] = [];
  for (const o of state.organisations.values()) {
    if (o.kind !== 'village') continue;
    const village = villageOf(state, o.id);
    if (village) found.push(village);
  }
  return found;
}

/** An open district by id. */
export function isDistrict(state: RegistryState, id: string): boolean {
  const o = state.organisations.get(id);
  return o !== undefined && o.kind === 'district' && !o.closed;
}
