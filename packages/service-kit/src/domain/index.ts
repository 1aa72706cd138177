// `@bureau/service-kit/domain`: what domain code may import. No framework, no I/O.
export { DomainRuleError, DomainError, isDomainRuleError } from './domain-error.js';
export type { Decider, DomainMessage } from './decider.js';
export { foldEvents } from './decider.js';
