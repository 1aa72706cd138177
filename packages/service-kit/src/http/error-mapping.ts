// Which problem each error becomes. Pure: the handler adds the request id and does the logging.
import { STATUS_CODES } from 'node:http';
import { InvalidEventStoreInputError, StreamNotFoundError, WrongExpectedRevisionError } from '@bureau/event-store';
import type { FastifyError } from 'fastify';
import { IdempotencyKeyReusedError, PreconditionFailedError } from '../commands/errors.js';
import { DomainRuleError } from '../domain/domain-error.js';
import { InvalidEventDataError } from '../events/errors.js';
import { HttpProblem, problemTypes, type ProblemDetails } from './problem.js';
import { fieldErrors } from './validation.js';
import { isDatabaseOutage, OUTAGE_RETRY_AFTER_SECONDS } from './database-outage.js';
import { isMissingTable, MISSING_TABLE_RETRY_AFTER_SECONDS } from './read-model-missing.js';

export type Mapped = { readonly problem: ProblemDetails; readonly serverFault: boolean; readonly retryAfterSeconds?: number };

const INTERNAL: ProblemDetails = {
  type: problemTypes.internal,
  title: 'Internal Server Error',
  status: 500,
  detail: 'Something went wrong on our side and nothing is known to have changed. Quote the request id to support.',
};

function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && 'code' in error && typeof error.code === 'string';
}

/** Fastify's request errors by code, as the field and rule a client can act on. */
const FASTIFY_FIELD_ERRORS: Readonly<Record<string, { field: string; rule: string; message: string }>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { field: 'body', rule: 'max_size', message: 'is larger than this service accepts' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { field: 'headers.content-type', rule: 'media_type', message: 'must be application/json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { field: 'headers.content-length', rule: 'content_length', message: 'must match the body' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { field: 'body', rule: 'required', message: 'a JSON body is required' },
  FST_ERR_CTP_INVALID_JSON_BODY: { field: 'body', rule: 'json', message: 'must be valid JSON' },
  FST_ERR_CTP_INVALID_TYPE: { field: 'headers.content-type', rule: 'media_type', message: 'is not a valid media type' },
};

const revisionText = (r: bigint | string) => String(r);

/** A 503 the client should retry: a command may have been recorded before the fault, and its commandId keeps a retry from recording it twice. */
function unavailable(type: string, cause: string, retryAfterSeconds: number): Mapped {
  const detail = `${cause} Retry shortly with the same request: a command that was recorded after all is recognised by its commandId and not recorded twice.`;
  return { problem: { type, title: 'Service Unavailable', status: 503, detail }, serverFault: true, retryAfterSeconds };
}

export function problemFor(error: unknown): Mapped {
  const client = (problem: ProblemDetails): Mapped => ({ problem, serverFault: false });
  if (error instanceof HttpProblem) {
    const problem = { ...error.extensions, type: error.type, title: error.title, status: error.status, ...(error.detail ? { detail: error.detail } : {}) };
    return { problem, serverFault: error.status >= 500 };
  }
  if (error instanceof DomainRuleError) {
    return client({ type: problemTypes.ruleBroken, title: 'Business rule broken', status: 422, detail: error.detail, rule: error.rule });
  }
  if (error instanceof StreamNotFoundError) {
    return client({ type: problemTypes.streamNotFound, title: 'Not Found', status: 404, detail: `No record ${error.streamName} exists.` });
  }
  if (error instanceof PreconditionFailedError) {
    return client({
      type: problemTypes.preconditionFailed, title: 'Precondition Failed', status: 412,
      detail: 'The record changed since you read it; read it again and retry with its current revision.',
      expectedRevision: revisionText(error.expectedRevision), actualRevision: revisionText(error.actualRevision),
    });
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return client({
      type: problemTypes.idempotencyKeyReused, title: 'Conflict', status: 409, rule: 'command_id_reused',
      detail: 'This commandId was already used for a different command, which stands; nothing was recorded now. Send this command with a new commandId.',
      errors: [{ field: 'body.commandId', rule: 'command_id_reused', message: 'already used for a different command' }],
    });
  }
  if (error instanceof WrongExpectedRevisionError) {
    return client({
      type: problemTypes.conflict, title: 'Conflict', status: 409,
      detail: 'The record kept changing while we tried to apply your command; nothing was recorded. Retry.',
      expectedRevision: revisionText(error.expectedRevision), actualRevision: revisionText(error.actualRevision),
    });
  }
  if (error instanceof InvalidEventDataError) {
    const errors = error.errors.map((e) => ({ ...e, field: `event.${error.eventType}.${e.field}` }));
    return client({ type: problemTypes.validation, title: 'Bad Request', status: 400, detail: 'The command would record invalid data; nothing was recorded.', errors });
  }
  if (error instanceof InvalidEventStoreInputError) {
    return client({ type: problemTypes.validation, title: 'Bad Request', status: 400, detail: 'Nothing was recorded.', errors: [{ field: error.field, rule: error.rule, message: error.rule }] });
  }
  if (isFastifyError(error) && Array.isArray(error.validation)) {
    const errors = fieldErrors(error.validation, error.validationContext);
    return client({ type: problemTypes.validation, title: 'Bad Request', status: 400, detail: `${errors.length} invalid field(s); nothing was changed.`, errors });
  }
  // Fastify's own client errors (unsupported media type, body too large…): the same shape as the kit's
  // validation errors, naming the part of the request and the rule.
  if (isFastifyError(error) && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    const named = FASTIFY_FIELD_ERRORS[error.code] ?? { field: 'request', rule: error.code.replace(/^FST_ERR_/, '').toLowerCase(), message: error.message };
    return client({
      type: problemTypes.validation, title: STATUS_CODES[error.statusCode] ?? 'Bad Request', status: error.statusCode,
      detail: `${error.message}. Nothing was changed.`, errors: [named],
    });
  }
  if (isDatabaseOutage(error)) {
    return unavailable(problemTypes.unavailable, 'The database cannot be reached right now.', OUTAGE_RETRY_AFTER_SECONDS);
  }
  if (isMissingTable(error)) {
    return unavailable(problemTypes.readModelNotReady, 'This service is still preparing the records it answers from.', MISSING_TABLE_RETRY_AFTER_SECONDS);
  }
  return { problem: INTERNAL, serverFault: true };
}
