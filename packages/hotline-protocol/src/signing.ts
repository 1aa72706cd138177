// Message signing for the 12345 ⇄ centre protocol (docs/integrations/12345-protocol.md, "Signing").
// Pure: no clock, no I/O. Both sides use it: the hotline service and the 12345 simulator.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const platformHeader = 'x-12345-platform';
export const timestampHeader = 'x-12345-timestamp';
export const signatureHeader = 'x-12345-signature';
export const messageIdHeader = 'x-12345-message-id';

/** Replay protection: a timestamp more than this far from the receiver's clock is refused. */
export const signatureWindowSeconds = 5 * 60;

const SIGNATURE_TEXT = /^v1=[0-9a-f]{64}$/i;
const TIMESTAMP_TEXT = /^\d{1,12}$/;

/** `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${rawBody}`), over the body's exact bytes. */
export function sign(secret: string, timestamp: number, rawBody: string | Buffer): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return `v1=${hmac.digest('hex')}`;
}

/** Unix seconds, as the timestamp header carries them. */
export function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** The three signing headers for one (re)send of a body. */
export function signingHeaders(platformId: string, secret: string, rawBody: string | Buffer, at: Date): Record<string, string> {
  const timestamp = unixSeconds(at);
  return {
    [platformHeader]: platformId,
    [timestampHeader]: String(timestamp),
    [signatureHeader]: sign(secret, timestamp, rawBody),
  };
}

export interface VerifyInput {
  readonly secret: string;
  /** The timestamp header as received (text), or undefined when absent. */
  readonly timestamp: string | undefined;
  /** The signature header as received, or undefined when absent. */
  readonly signature: string | undefined;
  readonly rawBody: string | Buffer;
  /** The receiver's clock. */
  readonly now: Date;
}

export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

/** Checks presence, form, the 5-minute window, then the HMAC (constant-time compare). */
export function verify(input: VerifyInput): VerifyResult {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') {
    return { ok: false, reason: 'missing' };
  }
  if (!TIMESTAMP_TEXT.test(timestamp) || !SIGNATURE_TEXT.test(signature)) return { ok: false, reason: 'malformed' };
  const seconds = Number(timestamp);
  if (Math.abs(unixSeconds(input.now) - seconds) > signatureWindowSeconds) return { ok: false, reason: 'stale' };
  // Both sides are `v1=` + 64 hex chars here, so the buffers have equal length as timingSafeEqual requires.
  const expected = Buffer.from(sign(input.secret, seconds, input.rawBody));
  const given = Buffer.from(signature.toLowerCase());
  return timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
