// The hotline's transport for @bureau/outbox: each message is one signed call to its platform
// (platform-call.ts). A message for a platform this centre has no endpoint for is refused at once
// (`unknown_platform`): no try could ever reach it.
import type { Transport } from '@bureau/outbox';
import { outboundActions } from '@bureau/hotline-protocol/messages';
import { callPlatform, type PlatformEndpoint } from './platform-call.js';
import type { PlatformPost } from './platform-post.js';
import { transportOutcomeOf } from './try-outcome.js';

export interface PlatformTransportOptions {
  /** The platform's endpoint and secret; undefined for a platform this centre is not configured for. */
  readonly platforms: (platformId: string) => PlatformEndpoint | undefined;
  /** Signing time. */
  readonly clock: () => Date;
  readonly timeoutMs: number;
  readonly post?: PlatformPost;
}

export function platformTransport(options: PlatformTransportOptions): Transport {
  return async (message, signal) => {
    const endpoint = options.platforms(message.destination);
    if (!endpoint) return { kind: 'refused', status: null, error: 'no endpoint configured for the platform', reason: 'unknown_platform' };
    // The reactor queues only the protocol's actions, each with its order number (outbox-reactor.ts).
    const action = outboundActions.find((a) => a === message.kind);
    const orderNo = message.attributes.orderNo;
    if (!action || !orderNo) return { kind: 'refused', status: null, error: 'not a 12345 call: no protocol action or order number', reason: 'not_a_platform_call' };
    const answer = await callPlatform(
      {
        platformId: message.destination,
        endpoint,
        orderNo,
        action,
        body: message.payload,
        idempotencyKey: message.idempotencyKey,
        now: options.clock(),
        timeoutMs: options.timeoutMs,
        signal,
      },
      options.post,
    );
    const outcome = transportOutcomeOf(answer);
    // Aborted: the outbox stopped the try (shutdown or its time ran out) and decides what that means.
    return outcome.kind === 'aborted' ? { kind: 'failed', status: null, error: 'aborted' } : outcome;
  };
}
