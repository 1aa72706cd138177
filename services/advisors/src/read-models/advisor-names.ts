// Advisors as people know them: by name and firm, which are public (posted in every village they serve),
// read from their districts' registers for the ledgers and lists that offices and auditors read, who may
// not read the register itself. The phone and the licence number are not public and never leave here.
import type { EventStore } from '@bureau/event-store';
import { stateOrInitial } from '../commands/read-stream.js';
import { advisorRegisterDecider, advisorRegisterStreamName } from '../domain/index.js';
import { advisorRegisterEvents } from '../events/index.js';

export interface AdvisorNamed {
  readonly name: string;
  readonly firm: string;
}

/** An advisor's public name and firm on their district's register; null when the register does not hold them. */
export type AdvisorNames = (districtId: string, advisorId: string) => AdvisorNamed | null;

/** The public names on the registers of these districts (each register read once, from its stream). */
export async function advisorNamesIn(store: EventStore, districtIds: Iterable<string>): Promise<AdvisorNames> {
  const registers = await Promise.all([...new Set(districtIds)].map(async (districtId) => {
    const { state } = await stateOrInitial(store, advisorRegisterEvents, advisorRegisterDecider, advisorRegisterStreamName(districtId));
    // A removed advisor stays on the register, so what they logged still shows their name.
    const named = new Map((state.status === 'kept' ? state.advisors : []).map((a) => [a.advisorId, { name: a.name, firm: a.firm }]));
    return [districtId, named] as const;
  }));
  const byDistrict = new Map(registers);
  return (districtId, advisorId) => byDistrict.get(districtId)?.get(advisorId) ?? null;
}

/** Each advisor's share of a village's on-site minutes, with their name and firm (null: not on the register). */
export function namedShares<S extends { readonly advisorId: string }>(shares: readonly S[], districtId: string, names: AdvisorNames): (S & { advisor: AdvisorNamed | null })[] {
  return shares.map((s) => ({ ...s, advisor: names(districtId, s.advisorId) }));
}
