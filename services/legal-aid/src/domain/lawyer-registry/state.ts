// A district's lawyer registry: every lawyer it ever held, active or not (an inactive one stays, so the
// files that name them still resolve). One stream per district (the city's for the city office), so a
// licence number is unique in it.
import type { LawyerDetails } from './commands.js';

export type RegisteredLawyer = LawyerDetails & {
  readonly lawyerId: string;
  readonly active: boolean;
  readonly deactivatedReason: string | null;
};

export type LawyerRegistryState =
  | { readonly status: 'empty' }
  | { readonly status: 'kept'; readonly districtId: string; readonly lawyers: readonly RegisteredLawyer[] };

export function initialLawyerRegistryState(): LawyerRegistryState {
  return { status: 'empty' };
}

export function lawyerIn(state: LawyerRegistryState, lawyerId: string): RegisteredLawyer | undefined {
  return state.status === 'kept' ? state.lawyers.find((l) => l.lawyerId === lawyerId) : undefined;
}

export function lawyersOf(state: LawyerRegistryState): readonly RegisteredLawyer[] {
  return state.status === 'kept' ? state.lawyers : [];
}
