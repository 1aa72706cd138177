// The one error type a decider throws when a command breaks a business rule. Dependency-free on
// purpose: domain code imports this and nothing from fastify, pg or the event store, and the
// service kit's error handler turns it into a 422 problem+json.

/** A business rule was broken; nothing was recorded. `rule` is a stable snake_case code clients may switch on. */
export class DomainRuleError extends Error {
  constructor(
    readonly rule: string,
    /** Human-readable, safe to show the caller: never put personal data here. */
    readonly detail: string,
  ) {
    super(`${rule}: ${detail}`);
    this.name = new.target.name;
  }
}

/** The same class under the shorter name some modules use. */
export { DomainRuleError as DomainError };

export function isDomainRuleError(error: unknown): error is DomainRuleError {
  return error instanceof DomainRuleError;
}
