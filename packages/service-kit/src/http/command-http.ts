// The HTTP side of a command: the context it runs in (actor, request id, If-Match), and the reply
// carrying the global position so a client can ask a read model to catch up (read-your-writes).
import { createHash } from 'node:crypto';
import { canonicalJson, formatPosition, type Json } from '@bureau/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../auth/auth-plugin.js';
import type { CommandContext, CommandResult } from '../commands/handle-command.js';
import { HttpProblem, problemTypes } from './problem.js';

export const EVENT_POSITION_HEADER = 'x-event-position';

/** The idempotency key a client sends with every command (a UUID it generates once per intent). */
export const commandIdSchema = z.uuid().describe('Idempotency key: resend the same value when retrying the same command.');

export const commandResponseSchema = z.object({
  revision: z.string().describe("The stream's revision after the command; send it back as If-Match."),
  position: z.string().nullable().describe('Global position of the last event (commit/prepare), for read-your-writes.'),
  alreadyApplied: z.boolean().describe('True when this commandId had been applied before and nothing new was written.'),
});

export const etagOf = (revision: bigint) => `"${revision}"`;

const IF_MATCH = /^"(\d{1,19})"$/;

/** Reads If-Match (`"<revision>"`, as sent in ETag); undefined when absent. 400 problem when malformed. */
export function ifMatchRevision(request: FastifyRequest): bigint | undefined {
  const header = request.headers['if-match'];
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? IF_MATCH.exec(header.trim()) : null;
  if (!match?.[1]) {
    throw new HttpProblem(400, 'Bad Request', problemTypes.validation, 'If-Match must be a revision in quotes, as the ETag header gave it.', {
      errors: [{ field: 'headers.if-match', rule: 'etag', message: 'must look like "3"' }],
    });
  }
  return BigInt(match[1]);
}

/**
 * What an idempotency key is used for: a digest of the parsed request (route, path parameters, query,
 * body) and who sent it. A retry of the same command has the same digest; a key reused for another
 * command (another route, another note, another person) has another, and handleCommand refuses it.
 */
export function commandDigestOf(request: FastifyRequest): string {
  const parsed = {
    method: request.method,
    route: request.routeOptions.url ?? request.url,
    params: request.params ?? null,
    query: request.query ?? null,
    body: request.body ?? null,
    actor: request.actor ? { id: request.actor.id, organisation: request.actor.organisation ?? null } : null,
  };
  // Through JSON first: parsed values (dates, undefined fields) take the form they would have on the wire.
  const json = JSON.parse(JSON.stringify(parsed)) as Json;
  return createHash('sha256').update(canonicalJson(json)).digest('hex');
}

/** The context a command runs in: the authenticated actor, the request id, the client's If-Match. */
export function commandContextOf(request: FastifyRequest, commandId: string, occurredAt?: Date): CommandContext {
  const expectedRevision = ifMatchRevision(request);
  return {
    commandId,
    actor: actorOf(request),
    correlationId: request.id,
    commandDigest: commandDigestOf(request),
    ...(occurredAt ? { occurredAt } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

/** Sets ETag and x-event-position, and returns the body fields every command response carries. */
export function commandReply(reply: FastifyReply, result: CommandResult<unknown>): z.output<typeof commandResponseSchema> {
  const position = result.position ? formatPosition(result.position) : null;
  if (position) reply.header(EVENT_POSITION_HEADER, position);
  if (result.nextExpectedRevision >= 0n) reply.header('etag', etagOf(result.nextExpectedRevision));
  return { revision: String(result.nextExpectedRevision), position, alreadyApplied: result.alreadyApplied };
}
