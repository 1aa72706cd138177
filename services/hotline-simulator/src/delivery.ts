// Sends one signed message to the centre's webhook the way a real platform does: a fresh timestamp
// and signature on every try, retried on 5xx or no answer (with exponential backoff), never on 4xx.
import { setTimeout as sleep } from 'node:timers/promises';
import { messageIdHeader, signingHeaders } from '@bureau/hotline-protocol/signing';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  readonly tries: number;
  /** Wait before the 2nd try; doubled for each further one. */
  readonly backoffMs: number;
  /** How long to wait for an answer to one try. */
  readonly timeoutMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { tries: 3, backoffMs: 200, timeoutMs: 10_000 };

export interface CentreAnswerReport {
  /** The centre's HTTP status, or null when no try got an answer. */
  readonly status: number | null;
  /** The answer's JSON (text if it was not JSON; null without an answer). */
  readonly body: unknown;
  readonly attempts: number;
  /** Why the last try got no answer (network error, timeout). */
  readonly error?: string;
}

export interface PostOptions {
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly timeoutMs: number;
  readonly stop: AbortSignal;
}

/** One POST, no retry; a network failure comes back as `status: null`. */
export async function postOnce(options: PostOptions): Promise<CentreAnswerReport> {
  try {
    const response = await fetch(options.url, {
      method: 'POST',
      headers: options.headers,
      body: options.body,
      signal: AbortSignal.any([options.stop, AbortSignal.timeout(options.timeoutMs)]),
    });
    const text = await response.text();
    return { status: response.status, body: parseJson(text), attempts: 1 };
  } catch (err) {
    return { status: null, body: null, attempts: 1, error: describe(err) };
  }
}

export interface SignedDelivery {
  readonly url: string;
  readonly platformId: string;
  readonly secret: string;
  readonly messageId: string;
  readonly rawBody: string;
  readonly clock: () => Date;
  readonly policy: RetryPolicy;
  readonly stop: AbortSignal;
}

export async function deliverSigned(d: SignedDelivery): Promise<CentreAnswerReport> {
  for (let attempt = 1; ; attempt += 1) {
    const headers = {
      'content-type': 'application/json',
      [messageIdHeader]: d.messageId,
      ...signingHeaders(d.platformId, d.secret, d.rawBody, d.clock()),
    };
    const answer = await postOnce({ url: d.url, headers, body: d.rawBody, timeoutMs: d.policy.timeoutMs, stop: d.stop });
    const retryable = answer.status === null || answer.status >= 500;
    if (!retryable || attempt >= d.policy.tries || d.stop.aborted) return { ...answer, attempts: attempt };
    try {
      await sleep(d.policy.backoffMs * 2 ** (attempt - 1), undefined, { signal: d.stop });
    } catch {
      return { ...answer, attempts: attempt };
    }
  }
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.name}: ${err.message}${cause}`;
}
