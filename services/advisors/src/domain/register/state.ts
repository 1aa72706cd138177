// A district's register: every advisor it ever held, active or removed (a removed one stays, so the
// ledgers that name them still resolve). One stream per district, so a licence number is unique in it.
import type { AdvisorDetails } from './commands.js';

export type RegisteredAdvisor = AdvisorDetails & {
  readonly advisorId: string;
  readonly status: 'active' | 'removed';
  readonly removedReason: string | null;
};

export type EmptyRegister = { readonly status: 'empty' };
export type KeptRegister = {
  readonly status: 'kept';
  /** The owning organisation: routes scope the register to its district. */
  readonly districtId: string;
  readonly advisors: readonly RegisteredAdvisor[];
};
export type RegisterState = EmptyRegister | KeptRegister;

export function initialRegisterState(): RegisterState {
  return { status: 'empty' };
}

export function advisorIn(state: RegisterState, advisorId: string): RegisteredAdvisor | undefined {
  return state.status === 'kept' ? state.advisors.find((a) => a.advisorId === advisorId) : undefined;
}
