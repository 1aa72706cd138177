// RFC 9457 problem+json answers, for every error the simulator gives (the protocol asks for them).
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 404: 'Not Found', 415: 'Unsupported Media Type',
  422: 'Unprocessable Content', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, detail?: string, extensions: Record<string, unknown> = {}): FastifyReply {
  const problem: Problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, ...(detail ? { detail } : {}), ...extensions };
  return reply.code(status).type('application/problem+json').send(problem);
}

/** An error a route throws to answer with a given 4xx problem. */
export class ProblemError extends Error {
  constructor(readonly status: number, detail: string) {
    super(detail);
    this.name = 'ProblemError';
  }
}

/** One error handler: validation → 400 with the issues; 4xx kept; 5xx text hidden. */
export function useProblemAnswers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ProblemError) return sendProblem(reply, error.status, error.message);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = error.validation.map((v) => ({ path: `${error.validationContext ?? ''}${v.instancePath}`.replace(/\/$/, ''), message: v.message }));
      return sendProblem(reply, 400, 'the request does not match the protocol', { issues });
    }
    // A driver message that fails the protocol's own schema: the admin input let through something bad.
    if (error instanceof ZodError) {
      return sendProblem(reply, 400, 'the message would break the protocol', { issues: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(reply, status, error.message);
    request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, status >= 500 && status < 600 ? status : 500);
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`));
}
