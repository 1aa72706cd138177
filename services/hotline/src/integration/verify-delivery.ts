// Who sent a webhook delivery: the platform named in the path, proven by the HMAC signature over
// `${timestamp}.${rawBody}` with that platform's secret, within 5 minutes of our clock. Anything else is
// 401 and nothing is read further, let alone written.
import { platformHeader, signatureHeader, timestampHeader, verify } from '@bureau/hotline-protocol/signing';
import { HttpProblem, problemTypes } from '@bureau/service-kit';
import type { PlatformSettings } from '../config.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

const refused = (detail: string) => new HttpProblem(401, 'Unauthorized', problemTypes.unauthorized, detail);

const single = (value: string | string[] | undefined) => (typeof value === 'string' ? value : undefined);

const reasons = {
  missing: 'The x-12345-timestamp and x-12345-signature headers are required.',
  malformed: 'The signature must be v1=<64 hex digits> and the timestamp Unix seconds.',
  stale: 'The timestamp is more than 5 minutes away from our clock (replay protection); sign the message again.',
  mismatch: 'The signature does not match the body.',
} as const;

export function verifyDelivery(input: {
  readonly platforms: readonly PlatformSettings[];
  readonly platformId: string;
  readonly headers: Headers;
  readonly rawBody: Buffer;
  readonly now: Date;
}): PlatformSettings {
  const platform = input.platforms.find((p) => p.id === input.platformId);
  if (!platform) throw refused('This centre has no agreement with that platform.');
  const named = single(input.headers[platformHeader]);
  if (named !== undefined && named !== platform.id) throw refused('The x-12345-platform header names another platform than the path.');
  const verdict = verify({
    secret: platform.secret,
    timestamp: single(input.headers[timestampHeader]),
    signature: single(input.headers[signatureHeader]),
    rawBody: input.rawBody,
    now: input.now,
  });
  if (!verdict.ok) throw refused(reasons[verdict.reason]);
  return platform;
}
