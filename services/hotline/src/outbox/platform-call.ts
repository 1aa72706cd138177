// One try at delivering one message: a signed POST to the platform, with a timeout, and what the
// answer means for the outbox (protocol "Outbound": 2xx accepted, 4xx never, 5xx or silence: later).
import { idempotencyKeyHeader, type OutboundAction } from '@bureau/hotline-protocol/messages';
import { signingHeaders } from '@bureau/hotline-protocol/signing';
import { outboundPath } from './outbound-message.js';
import { postOverHttp, type PlatformPost } from './platform-post.js';

/** Where a platform takes the centre's calls, and the secret both sides sign with. */
export interface PlatformEndpoint {
  readonly baseUrl: string;
  readonly secret: string;
}

export interface PlatformCall {
  readonly platformId: string;
  readonly endpoint: PlatformEndpoint;
  readonly orderNo: string;
  readonly action: OutboundAction;
  readonly body: string;
  readonly idempotencyKey: string;
  /** Signing time (the timestamp header). */
  readonly now: Date;
  readonly timeoutMs: number;
  /** Aborts the try (shutdown). */
  readonly signal: AbortSignal;
}

export type CallAnswer =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'no_answer'; readonly error: string }
  | { readonly kind: 'aborted' };

function answerBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text === '' ? null : { text };
  }
}

export async function callPlatform(call: PlatformCall, post: PlatformPost = postOverHttp): Promise<CallAnswer> {
  const url = new URL(outboundPath(call.orderNo, call.action), call.endpoint.baseUrl);
  const headers = {
    'content-type': 'application/json',
    [idempotencyKeyHeader]: call.idempotencyKey,
    ...signingHeaders(call.platformId, call.endpoint.secret, call.body, call.now),
  };
  const timeout = AbortSignal.timeout(call.timeoutMs);
  try {
    const answer = await post(url, { headers, body: call.body, signal: AbortSignal.any([timeout, call.signal]) });
    return { kind: 'answered', status: answer.status, body: answerBody(answer.text) };
  } catch (error) {
    if (call.signal.aborted) return { kind: 'aborted' };
    if (timeout.aborted) return { kind: 'no_answer', error: `timeout after ${call.timeoutMs} ms` };
    return { kind: 'no_answer', error: describeNetworkError(error) };
  }
}

/** The error's name and code only: never a URL with credentials or a body. */
function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code = codeOf(error) ?? codeOf(cause);
  const name = error instanceof Error ? error.name : typeof error;
  return code ? `network: ${code}` : `network: ${name}`;
}

export type Verdict = 'delivered' | 'rejected' | 'retry';

/**
 * 2xx accepted (a repeat of a key the platform saw answers 2xx too). 4xx refused for good, except the
 * ones that mean "not now": 408 Request Timeout, 425 Too Early, 429 Too Many Requests. Everything else later.
 */
export function verdictOf(answer: Exclude<CallAnswer, { kind: 'aborted' }>): Verdict {
  if (answer.kind === 'no_answer') return 'retry';
  const { status } = answer;
  if (status >= 200 && status < 300) return 'delivered';
  if (status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429) return 'rejected';
  return 'retry';
}

function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
