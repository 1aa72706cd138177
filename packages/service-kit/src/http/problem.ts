// RFC 9457 problem details: the one shape every error response of every service takes.
import { z } from 'zod';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Stable problem type URIs; clients switch on `type`, people read `title`. */
export const problemTypes = {
  validation: 'urn:bureau:problem:validation-failed',
  unauthorized: 'urn:bureau:problem:unauthorized',
  forbidden: 'urn:bureau:problem:forbidden',
  notFound: 'urn:bureau:problem:not-found',
  streamNotFound: 'urn:bureau:problem:stream-not-found',
  conflict: 'urn:bureau:problem:concurrency-conflict',
  preconditionFailed: 'urn:bureau:problem:precondition-failed',
  idempotencyKeyReused: 'urn:bureau:problem:idempotency-key-reused',
  ruleBroken: 'urn:bureau:problem:rule-broken',
  unavailable: 'urn:bureau:problem:service-unavailable',
  /** A read model's table is not there (yet): http/read-model-missing.ts. */
  readModelNotReady: 'urn:bureau:problem:read-model-not-ready',
  internal: 'urn:bureau:problem:internal-error',
  http: 'about:blank',
} as const;

export interface FieldError {
  /** Where: the request part then a dotted path, e.g. `body.contact.phone`. */
  readonly field: string;
  /** Which rule failed, e.g. `too_small`, `invalid_type`, `required`. */
  readonly rule: string;
  readonly message: string;
}

export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly instance?: string;
  /** Quote this to support; the same id is in every log line of the request. */
  readonly requestId?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** For routes' `response` schemas, so the OpenAPI document shows the error shape. */
export const problemSchema = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), rule: z.string(), message: z.string() })).optional(),
});

/** Throw from a hook or route to answer with a specific problem (401, 403, 412, 503…). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly type: string = problemTypes.http,
    readonly detail?: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

export const unauthorized = (detail: string) => new HttpProblem(401, 'Unauthorized', problemTypes.unauthorized, detail);
export const forbidden = (detail: string) => new HttpProblem(403, 'Forbidden', problemTypes.forbidden, detail);
export const notFound = (detail: string) => new HttpProblem(404, 'Not Found', problemTypes.notFound, detail);
