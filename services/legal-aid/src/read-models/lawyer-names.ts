// The names behind a file's lawyer ids (指派律师): LawyerAssigned records the lawyer's and firm's ids
// only, the registry (法律援助律师名册) their names. Each id is looked up in the registry of the district
// that assigned it (the acting office's); a lawyer since removed from it keeps only the id.
import type { EventStore } from '@bureau/event-store';
import type { RegistryState } from '@bureau/organisations';
import { lawyerIn } from '../domain/index.js';
import { readLawyerRegistry, registryAreaOf } from '../commands/run-lawyer-registry-command.js';

export interface LawyerName {
  readonly lawyerId: string;
  readonly name: string;
  readonly firmId: string;
  readonly firmName: string;
}

/** `lawyerId` → name and firm, for each lawyer assigned by the office named beside it. */
export async function lawyerNames(
  store: EventStore,
  organisations: RegistryState,
  assigned: readonly { readonly lawyerId: string; readonly byOrganisation: string }[],
): Promise<Map<string, LawyerName>> {
  const byArea = new Map<string, Set<string>>();
  for (const { lawyerId, byOrganisation } of assigned) {
    const area = registryAreaOf(organisations, byOrganisation);
    if (area !== undefined) byArea.set(area, (byArea.get(area) ?? new Set()).add(lawyerId));
  }
  const names = new Map<string, LawyerName>();
  await Promise.all([...byArea].map(async ([area, ids]) => {
    const { state } = await readLawyerRegistry(store, area);
    for (const id of ids) {
      const lawyer = lawyerIn(state, id);
      if (lawyer) names.set(id, { lawyerId: id, name: lawyer.name, firmId: lawyer.firmId, firmName: lawyer.firmName });
    }
  }));
  return names;
}
