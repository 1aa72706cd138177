// The pino options every service uses. Request logs carry method, path (no query string, which may
// hold personal data), status and timing; never headers, never bodies.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactionPaths } from './personal-data.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const pathOnly = (url: string) => url.split('?')[0] ?? url;

export function loggerOptions(level: LogLevel, serviceName: string): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    redact: { paths: redactionPaths(), censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({ method: req.method, url: pathOnly(req.url) }),
      res: (reply: FastifyReply) => ({ statusCode: reply.statusCode }),
    },
  };
}

/** A pino logger writing to `destination` (stdout when omitted): tests pass a stream to read the lines. */
export function createLogger(level: LogLevel, serviceName: string, destination?: DestinationStream): Logger {
  return pino(loggerOptions(level, serviceName), destination);
}
