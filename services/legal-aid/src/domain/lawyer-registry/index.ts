// The lawyer registry (法律援助律师名册): one stream per district, kept by an administrator.
export type * from './commands.js';
export type * from './events.js';
export type * from './state.js';
export { initialLawyerRegistryState, lawyerIn, lawyersOf } from './state.js';
export { evolveLawyerRegistry } from './evolve.js';
export { decideLawyerRegistry, type LawyerRegistryContext } from './decide.js';
export { assignableLawyer, practiceYears, profileOf, suggestLawyers, withRegistryFirms, type LawyerSuggestion, type SuggestionInput } from './assignable.js';

import { evolveLawyerRegistry } from './evolve.js';
import { initialLawyerRegistryState } from './state.js';

/** The registry's stream: per district (or the city), keyed by its id. Category without a '-'. */
export const lawyerRegistryStreamCategory = 'legalAidLawyers';
export const lawyerRegistryStreamName = (districtId: string): string => `${lawyerRegistryStreamCategory}-${districtId}`;

export const lawyerRegistryFold = { initialState: initialLawyerRegistryState, evolve: evolveLawyerRegistry } as const;
