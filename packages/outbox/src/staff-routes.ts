// Staff routes over one outbox (a route factory: the service gives the table, the roles and its own
// names for a message's facts): the dead letters (死信) with what each holds back, retry one, discard
// one (who and why are kept), and the figures.
import { access, actorOf, bearerSecurity, HttpProblem, notFound, problemSchema, problemTypes, reachOf, type Reach, type Scope } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { messageView, outboxMessageSchema, type MessageFields } from './message-view.js';
import type { OutboxRow } from './outbox-table.js';
import type { OutboxDb } from './queue-queries.js';
import { destinationPasses, discardDeadLetter, findMessage, listDeadLetters, outboxStats, retryDeadLetter, type DestinationFilter } from './staff-queries.js';

export interface OutboxRoutesOptions {
  readonly db: OutboxDb;
  readonly table: string;
  /** Roles that may see and act on the outbox, each in its scope (the hotline: centre_supervisor in its centre…). */
  readonly roles: Readonly<Record<string, Scope>>;
  /**
   * The destinations whose messages a caller's reach covers (null: all). A message belongs to whoever
   * owns its destination (the hotline: a platform's messages are its centre's); the others are answered
   * as messages that do not exist, and are not in the lists or the figures.
   */
  readonly destinationsWithin: (reach: Reach) => DestinationFilter;
  /** Path prefix; default `/outbox`. */
  readonly prefix?: string;
  /** OpenAPI tag; default `outbox`. */
  readonly tag?: string;
  readonly clock: () => Date;
  /** Told after a retry or a discard, so the deliverer looks at once. */
  readonly onChange: () => void;
  /** The service's own names for a message's facts, beside the generic ones. */
  readonly fields?: MessageFields;
}

const instant = z.iso.datetime();
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export function outboxRoutes(options: OutboxRoutesOptions): FastifyPluginAsyncZod {
  const { db, table, clock, onChange } = options;
  const prefix = options.prefix ?? '/outbox';
  const tags = [options.tag ?? 'outbox'];
  // Typed loosely: the service's fields are known only at run time (the serializer uses the real schema).
  const shape = options.fields?.shape ?? {};
  const messageSchema: z.ZodType<Record<string, unknown>> = outboxMessageSchema.extend(shape);
  const deadLetterSchema: z.ZodType<Record<string, unknown>> = outboxMessageSchema.extend(shape).extend({
    held: z.number().int().describe('Later messages of its key waiting behind it: they go once it is retried and delivered, or discarded.'),
  });
  const view = (row: OutboxRow): Record<string, unknown> => ({ ...messageView(row), ...options.fields?.of(row) });
  const config = access(options.roles);
  const destinations = (request: Parameters<typeof reachOf>[0]) => options.destinationsWithin(reachOf(request));
  const params = z.object({ id: z.string().min(1).max(200) });

  /** A message to a destination outside the caller's reach is answered as one that does not exist. */
  const requireWithin = async (request: Parameters<typeof reachOf>[0], id: string) => {
    const within = destinations(request);
    if (within === null) return;
    const row = await findMessage(db, table, id);
    if (!row || !destinationPasses(within, row.destination)) throw notFound(`No outbox message ${id}.`);
  };

  return async (app) => {
    app.get(`${prefix}/dead-letters`, {
      config,
      schema: {
        tags,
        summary: 'Messages the destination refused, or that outlived the retry budget (latest first), with the messages each holds back',
        security: bearerSecurity,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          before: instant.optional().describe('Page on: the deadAt of the last item of the previous page.'),
        }),
        response: { 200: z.object({ items: z.array(deadLetterSchema), nextBefore: instant.nullable() }), ...errors },
      },
    }, async (request) => {
      const { limit, before } = request.query;
      const rows = await listDeadLetters(db, table, { limit, destinations: destinations(request), ...(before ? { before: new Date(before) } : {}) });
      const last = rows.at(-1);
      return {
        items: rows.map((row) => ({ ...view(row), held: row.held })),
        nextBefore: rows.length === limit && last ? iso(last.dead_at) : null,
      };
    });

    app.post(`${prefix}/dead-letters/:id/retry`, {
      config,
      schema: {
        tags,
        summary: 'Try a dead letter again now, with a fresh retry budget; its key\'s later messages follow it (idempotent: a message not dead is left as is)',
        security: bearerSecurity,
        params,
        response: { 200: messageSchema, 404: problemSchema, ...errors },
      },
    }, async (request) => {
      await requireWithin(request, request.params.id);
      const row = await retryDeadLetter(db, table, request.params.id, clock());
      if (!row) throw notFound(`No outbox message ${request.params.id}.`);
      if (row.status === 'pending') onChange();
      request.log.info({ idempotencyKey: row.idempotency_key, orderingKey: row.ordering_key, status: row.status }, 'outbox dead letter retried by staff');
      return view(row);
    });

    app.post(`${prefix}/dead-letters/:id/discard`, {
      config,
      schema: {
        tags,
        summary: 'Give a dead letter up for good (who and why are kept); the next message of its key may go. Idempotent',
        security: bearerSecurity,
        params,
        body: z.object({ reason: z.string().trim().min(1).max(500).describe('Why it is given up; kept with the message.') }),
        response: { 200: messageSchema, 404: problemSchema, 409: problemSchema, ...errors },
      },
    }, async (request) => {
      const by = actorOf(request).id;
      await requireWithin(request, request.params.id);
      const row = await discardDeadLetter(db, table, request.params.id, { by, reason: request.body.reason, at: clock() });
      if (!row) throw notFound(`No outbox message ${request.params.id}.`);
      if (row.status !== 'discarded') {
        throw new HttpProblem(409, 'Conflict', problemTypes.conflict, `Outbox message ${request.params.id} is ${row.status}, not a dead letter: only a dead letter can be discarded.`);
      }
      onChange();
      request.log.info({ idempotencyKey: row.idempotency_key, orderingKey: row.ordering_key, status: row.status, by: row.discarded_by }, 'outbox dead letter discarded by staff');
      return view(row);
    });

    app.get(`${prefix}/stats`, {
      config,
      schema: {
        tags,
        summary: 'How the outbox is doing: pending, retrying, held behind a dead letter, delivered, dead, discarded',
        security: bearerSecurity,
        response: {
          200: z.object({
            pending: z.number().int(),
            retrying: z.number().int(),
            held: z.number().int().describe('Pending messages held back by an earlier dead letter of their key.'),
            delivered: z.number().int(),
            dead: z.number().int(),
            discarded: z.number().int(),
            oldestPendingAt: instant.nullable(),
            nextAttemptAt: instant.nullable(),
            lastDeliveredAt: instant.nullable(),
          }),
          ...errors,
        },
      },
    }, async (request) => {
      const stats = await outboxStats(db, table, destinations(request));
      return { ...stats, oldestPendingAt: iso(stats.oldestPendingAt), nextAttemptAt: iso(stats.nextAttemptAt), lastDeliveredAt: iso(stats.lastDeliveredAt) };
    });
  };
}
