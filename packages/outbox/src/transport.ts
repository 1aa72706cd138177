// The transport port: how a service's messages reach their destination (the hotline: a signed POST to
// the 12345 platform; legal aid: a transfer to another district). The outbox owns when and how often
// to try; the transport makes one try and says what came of it.
import type { ClaimedMessage } from './queue-queries.js';

/** A message as its transport sees it, for one try. */
export type OutboundMessage = Omit<ClaimedMessage, 'claimToken'>;

export type TransportOutcome =
  /** Taken (a repeat of an idempotency key the destination saw counts as taken too). */
  | { readonly kind: 'delivered'; readonly status?: number }
  /** Never to be taken as it is: dead-lettered at once for staff, with the destination's problem. */
  | {
      readonly kind: 'refused';
      readonly status: number | null;
      readonly error: string;
      readonly problem?: unknown;
      /** Why, for staff; default `rejected`. */
      readonly reason?: string;
    }
  /** Not taken this time (down, busy, no answer): tried again after a backoff, within the retry budget. */
  | { readonly kind: 'failed'; readonly status: number | null; readonly error: string; readonly problem?: unknown };

/**
 * One try. `signal` aborts when the try's time is up or the deliverer stops; the transport should give
 * up then (what it answers after is taken as a failure, or, on stopping, forgotten). A transport that
 * throws has failed passingly. Never put a payload in an error: errors are logged.
 */
export type Transport = (message: OutboundMessage, signal: AbortSignal) => Promise<TransportOutcome>;
