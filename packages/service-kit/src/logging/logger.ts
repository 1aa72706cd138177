// The pino options every service uses. Request logs carry method, path (no query string, which may
// hold personal data), status and timing; never headers, never bodies.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactPersonalData } from './personal-data.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const pathOnly = (url: string) => url.split('?')[0] ?? url;

// What an error line keeps: which error, where, and the database's codes. Not the other properties
// libraries hang on errors: pg-pool puts its whole client on a pool error (a screenful of connection
// state per line), and a driver's free-text fields can quote the data that failed.
const ERROR_FIELDS = ['type', 'message', 'stack', 'code', 'severity', 'routine', 'constraint', 'statusCode', 'rule', 'field'] as const;

function serializeError(error: unknown): Record<string, unknown> {
  // Already reduced to what a log line may say (loop-kit's errorFacts: type and code): kept as it is.
  if (isErrorFacts(error)) return { ...error };
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) };
  const full = stdSerializers.err(error) as unknown as Record<string, unknown>;
  const kept: Record<string, unknown> = {};
  for (const field of ERROR_FIELDS) if (full[field] !== undefined) kept[field] = full[field];
  if (error.cause !== undefined) kept.cause = serializeError(error.cause);
  return kept;
}

function isErrorFacts(value: unknown): value is { type: string; code?: string } {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && typeof Reflect.get(value, 'type') === 'string'
    && Object.keys(value).every((key) => key === 'type' || key === 'code');
}

export function loggerOptions(level: LogLevel, serviceName: string): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    // Every line's own fields and a child logger's bindings, before they are written (personal-data.ts).
    formatters: { log: (object) => redactPersonalData(object), bindings: (bindings) => redactPersonalData(bindings) },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: pathOnly(req.url) }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
      err: serializeError,
    },
  };
}

/** A pino logger writing to `destination` (stdout when omitted): tests pass a stream to read the lines. */
export function createLogger(level: LogLevel, serviceName: string, destination?: DestinationStream): Logger {
  return pino(loggerOptions(level, serviceName), destination);
}
