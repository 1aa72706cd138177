// One error handler and one not-found handler for the whole app: every error leaves as
// RFC 9457 problem+json, and a 5xx never shows its internals (they go to the log instead).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problemFor } from './error-mapping.js';
import { PROBLEM_CONTENT_TYPE, problemTypes, type ProblemDetails } from './problem.js';

function pathOf(request: FastifyRequest): string {
  // The query string may carry personal data; the problem names the resource only.
  return request.url.split('?')[0] ?? request.url;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, problem: ProblemDetails) {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply
    .code(problem.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...problem, instance: pathOf(request), requestId: request.id });
}

async function problemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error, request, reply) => {
    const { problem, serverFault, retryAfterSeconds } = problemFor(error);
    if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
    if (problem.type === problemTypes.unavailable && retryAfterSeconds !== undefined) {
      // An outage is logged by the database's own warnings; one line per refused request is noise.
      request.log.warn({ err: error }, 'database unavailable; request refused with 503');
    } else if (serverFault) {
      request.log.error({ err: error }, 'request failed');
    } else {
      // Type and status only: details may echo what the client sent.
      request.log.info({ problemType: problem.type, statusCode: problem.status }, 'request rejected');
    }
    return sendProblem(request, reply, problem);
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      type: problemTypes.notFound,
      title: 'Not Found',
      status: 404,
      detail: `No route ${request.method} ${pathOf(request)}.`,
    }),
  );
}

export const problemHandlersPlugin = fp(problemHandlers, { name: 'bureau-problem-handlers', fastify: '5.x' });
