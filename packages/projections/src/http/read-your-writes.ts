// Read-your-writes for query endpoints, without tying the engine to a web framework. A client that
// just appended sends the position it got back (`?after=commit/prepare` or header `x-min-position`);
// the endpoint waits, a bounded time, until the projection has applied it. Past the bound it answers
// 503 problem+json with Retry-After rather than serve data that predates the client's own write.
import { comparePositions, formatPosition, parsePosition, type GlobalPosition } from '@bureau/event-store';
import type { PositionWaiter } from '../checkpoint-watcher.js';

export const MIN_POSITION_HEADER = 'x-min-position';
export const MIN_POSITION_QUERY = 'after';

export interface RequestLike {
  readonly query?: unknown;
  readonly headers?: Readonly<Record<string, string | string[] | undefined>>;
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly projection?: string;
  readonly position?: string;
  readonly errors?: readonly { readonly field: string; readonly rule: string; readonly message: string }[];
}

export type Freshness =
  | { readonly kind: 'fresh'; readonly position: GlobalPosition | undefined }
  | {
      readonly kind: 'not-yet' | 'invalid';
      readonly statusCode: 503 | 400;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: ProblemDetails;
    };

export interface FreshnessOptions {
  /** Longest the request waits for the projection; default 2 s. */
  readonly maxWaitMs?: number;
  /** Sent as Retry-After on 503; default 1 s. */
  readonly retryAfterSeconds?: number;
  /**
   * The store's last committed position (EventStore.lastCommittedPosition). Given, a position past it is
   * refused at once (400): no write returned it, so waiting for it would only end in a 503.
   */
  readonly lastCommitted?: () => Promise<GlobalPosition | undefined>;
}

const PROBLEM = 'application/problem+json';

/** The position a request asks for: undefined when none, 'invalid' when unreadable. */
export function requestedPosition(request: RequestLike): GlobalPosition | undefined | 'invalid' {
  const query = request.query;
  const fromQuery = typeof query === 'object' && query !== null ? (query as Record<string, unknown>)[MIN_POSITION_QUERY] : undefined;
  const fromHeader = request.headers?.[MIN_POSITION_HEADER];
  const raw = fromQuery ?? fromHeader;
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') return 'invalid';
  return parsePosition(raw.trim()) ?? 'invalid';
}

/** Where the client put the position, as the field a problem names. */
function positionField(request: RequestLike): string {
  const query = request.query;
  const inQuery = typeof query === 'object' && query !== null && (query as Record<string, unknown>)[MIN_POSITION_QUERY] !== undefined;
  return inQuery ? `query.${MIN_POSITION_QUERY}` : `headers.${MIN_POSITION_HEADER}`;
}

function invalidPosition(request: RequestLike, rule: string, message: string, detail: string): Freshness {
  return {
    kind: 'invalid',
    statusCode: 400,
    headers: { 'content-type': PROBLEM },
    body: {
      type: 'urn:bureau:problem:invalid-position',
      title: 'Invalid position',
      status: 400,
      detail,
      errors: [{ field: positionField(request), rule, message }],
    },
  };
}

export async function awaitFreshness(
  waiter: PositionWaiter,
  projection: string,
  request: RequestLike,
  options: FreshnessOptions = {},
): Promise<Freshness> {
  const position = requestedPosition(request);
  if (position === 'invalid') {
    return invalidPosition(request, 'position', 'must be "commit/prepare"',
      `${MIN_POSITION_QUERY} / ${MIN_POSITION_HEADER} must be a position "commit/prepare" as returned by a write`);
  }
  if (position === undefined) return { kind: 'fresh', position };
  const committed = options.lastCommitted ? await options.lastCommitted() : undefined;
  if (options.lastCommitted && (committed === undefined || comparePositions(position, committed) > 0)) {
    return invalidPosition(request, 'beyond_last_write', 'is past every committed write',
      `position ${formatPosition(position)} is past the store's last committed write; send a position a write returned`);
  }
  const outcome = await waiter.waitForPosition(projection, position, options.maxWaitMs ?? 2_000);
  if (outcome === 'reached') return { kind: 'fresh', position };
  const text = `${position.commit}/${position.prepare}`;
  return {
    kind: 'not-yet',
    statusCode: 503,
    headers: { 'content-type': PROBLEM, 'retry-after': String(options.retryAfterSeconds ?? 1) },
    body: {
      type: 'urn:bureau:problem:read-model-not-caught-up',
      title: 'Read model not caught up yet',
      status: 503,
      detail: `the ${projection} read model has not yet applied position ${text}; retry shortly`,
      projection,
      position: text,
    },
  };
}
