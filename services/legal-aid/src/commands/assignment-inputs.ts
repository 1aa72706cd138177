// What an assignment (指派) reads before the decider runs: the acting office's district registry and the
// open cases of the named lawyer and of every lawyer the registry puts in the same firm today (and what
// was recorded under that firm), for the conflict check. The decider checks the rest (registered, active,
// Art. 26), after the file's reach is checked.
import type { EventStore } from '@bureau/event-store';
import type { RegistryState } from '@bureau/organisations';
import type { Kysely } from 'kysely';
import { lawyerIn, lawyersOf, type AssignLawyer, type LawyerRegistryState } from '../domain/index.js';
import { openCasesOfLawyers } from '../read-models/search.js';
import type { LegalAidReadDatabase } from '../read-models/tables.js';
import { readLawyerRegistry, registryAreaOf } from './run-lawyer-registry-command.js';

export async function registryOfOrganisation(store: EventStore, organisations: RegistryState, organisationId: string): Promise<LawyerRegistryState> {
  const area = registryAreaOf(organisations, organisationId);
  return area === undefined ? { status: 'empty' } : (await readLawyerRegistry(store, area)).state;
}

export async function assignLawyerCommand(
  deps: { store: EventStore; db: Kysely<LegalAidReadDatabase>; organisations: RegistryState },
  organisationId: string,
  lawyerId: string,
): Promise<AssignLawyer> {
  const registry = await registryOfOrganisation(deps.store, deps.organisations, organisationId);
  const firmId = lawyerIn(registry, lawyerId)?.firmId ?? null;
  const colleagues = lawyersOf(registry).filter((l) => firmId !== null && l.firmId === firmId).map((l) => l.lawyerId);
  const openCases = await openCasesOfLawyers(deps.db, [...new Set([lawyerId, ...colleagues])], firmId);
  return { type: 'AssignLawyer', data: { lawyerId, registry, openCases } };
}
