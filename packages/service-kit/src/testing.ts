// `@bureau/service-kit/testing`: helpers for services' tests (never imported by production code).
import { createHmac } from 'node:crypto';
import type { DestinationStream } from 'pino';

export interface TestClaims {
  readonly sub: string;
  readonly role: string;
  readonly org: string;
  readonly name?: string;
  /** Seconds from now; negative for an already expired token. Omit for no `exp`. */
  readonly expiresInSeconds?: number;
}

/** An HS256 JWT signed with `secret`, made independently of the app's own JWT library. */
export function signTestToken(secret: string, claims: TestClaims): string {
  const { expiresInSeconds, ...rest } = claims;
  const now = Math.floor(Date.now() / 1000);
  const payload = { ...rest, iat: now, ...(expiresInSeconds !== undefined ? { exp: now + expiresInSeconds } : {}) };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

export interface LogCapture {
  readonly stream: DestinationStream;
  /** Every line written so far, raw. */
  readonly lines: string[];
  text(): string;
}

/** A log destination that keeps every line, for asserting what did (and did not) reach the log. */
export function captureLogs(): LogCapture {
  const lines: string[] = [];
  return { stream: { write: (line: string) => void lines.push(line) }, lines, text: () => lines.join('') };
}

/**
 * A reach resolver for tests that are not about the registry: every organisation reaches its own
 * records and nothing else, in every scope. Services' tests use the registry itself
 * (`@bureau/organisations`), with a city, its districts and their offices seeded.
 */
export const ownOrganisationOnly = {
  reachOf(organisationId: string, scope: 'organisation' | 'district' | 'city') {
    return { scope, organisationId, organisationIds: [organisationId], includes: (ownerId: string) => ownerId === organisationId };
  },
};
