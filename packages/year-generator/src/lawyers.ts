// Each district's lawyer registry (法律援助律师名册), kept by its bureau's administrator before the year
// starts: 60 lawyers in 12 firms (scaled down with the district), registered through the legal-aid
// service's own registry decider. Assignments name lawyers from it, as the service's route does (the
// Art. 26 years and the conflict check come from the registry's record); every lawyer here has practised
// three years or more, so a capital case may go to any of them.
import type { Actor } from '@bureau/event-store';
import {
  decideLawyerRegistry, evolveLawyerRegistry, initialLawyerRegistryState, lawyerRegistryStreamName, lawyersOf,
  type LawyerRegistryEvent, type LawyerRegistryState,
} from '@bureau/legal-aid/domain';
import { lawyerRegistryEvents } from '@bureau/legal-aid/lawyer-registry-events';
import type { DistrictPlan } from './organisations.js';
import { nameOf } from './people.js';
import type { Random } from './random.js';
import { commandIdOf, StreamBuilder } from './writer.js';

export const LAWYERS_PER_DISTRICT = 60;
export const FIRMS_PER_DISTRICT = 12;

export type LawyerRegistryBuilder = StreamBuilder<LawyerRegistryState, LawyerRegistryEvent>;

export function lawyerRegistry(input: { seed: string; random: Random; district: DistrictPlan; ordinal: number; year: number; lawyers: number }): LawyerRegistryBuilder {
  const { random, district } = input;
  const builder: LawyerRegistryBuilder = new StreamBuilder(lawyerRegistryStreamName(district.id), lawyerRegistryEvents, evolveLawyerRegistry, initialLawyerRegistryState());
  const at = new Date(`${input.year - 1}-12-15T10:00:00+08:00`);
  const admin: Actor = { id: `${district.id}-bureau-administrator`, role: 'administrator', organisation: `${district.id}-bureau` };
  const firms = Math.max(1, Math.min(FIRMS_PER_DISTRICT, Math.ceil(input.lawyers / 5)));
  for (let i = 1; i <= input.lawyers; i += 1) {
    const lawyerId = `${district.id}-lawyer-${String(i).padStart(3, '0')}`;
    const firm = ((i - 1) % firms) + 1;
    const since = `${input.year - random.int(4, 25)}-${String(random.int(1, 12)).padStart(2, '0')}-01`;
    // 17 digits: a district's own run, so licence numbers are unique within the registry.
    const licenceNumber = `144${String(input.ordinal).padStart(4, '0')}${String(i).padStart(10, '0')}`;
    builder.run(commandIdOf(input.seed, `${district.id}:lawyer:${i}`), admin, at, (state) => decideLawyerRegistry({
      type: 'RegisterLawyer',
      data: {
        lawyerId, name: nameOf(random), licenceNumber, firmId: `${district.id}-firm-${String(firm).padStart(2, '0')}`,
        firmName: `${district.name}第${firm}律师事务所`, relevantPracticeSince: since, specialties: [],
      },
    }, state, { now: at, districtId: district.id }));
  }
  return builder;
}

/** A lawyer of the registry, picked at random (the assignment's lawyerId). */
export function someLawyer(random: Random, registry: LawyerRegistryState): string {
  const lawyers = lawyersOf(registry);
  const lawyer = lawyers[random.int(0, lawyers.length - 1)];
  if (!lawyer) throw new Error('a lawyer registry with no lawyers');
  return lawyer.lawyerId;
}
