// Staff see and retry what the platform would not take (死信): GET /outbox/dead-letters,
// POST /outbox/dead-letters/:id/retry, GET /outbox/stats. Supervisors and administrators only.
import { bearerSecurity, notFound, problemSchema, requireRoles } from '@bureau/service-kit';
import { outboundActions } from '@bureau/hotline-protocol/messages';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDeadLetters, outboxStats, retryDeadLetter, type OutboxDb, type OutboxRow } from './outbox-queries.js';

export const OUTBOX_STAFF_ROLES = ['centre_supervisor', 'administrator'] as const;

const instant = z.iso.datetime();

const outboxMessageSchema = z.object({
  id: z.string().describe('The idempotency key the platform dedupes on: the id of the event the message comes from.'),
  eventType: z.string(),
  workOrderId: z.string(),
  platformId: z.string(),
  orderNo: z.string(),
  action: z.enum(outboundActions),
  status: z.enum(['pending', 'delivered', 'dead']),
  attempts: z.number().int().describe('Tries since the message was queued, or since staff last retried it.'),
  staffRetries: z.number().int(),
  createdAt: instant,
  lastAttemptAt: instant.nullable(),
  lastStatus: z.number().int().nullable().describe("The platform's HTTP status on the last try; null when it did not answer."),
  lastError: z.string().nullable(),
  problem: z.unknown().describe("The platform's answer when it refused the message (problem+json)."),
  nextAttemptAt: instant.nullable(),
  deliveredAt: instant.nullable(),
  deadAt: instant.nullable(),
  deadReason: z.enum(['rejected', 'retry_budget_spent', 'unknown_platform']).nullable(),
});

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function messageView(row: OutboxRow): z.output<typeof outboxMessageSchema> {
  return {
    id: row.idempotency_key,
    eventType: row.event_type,
    workOrderId: row.work_order_id,
    platformId: row.platform_id,
    orderNo: row.order_no,
    action: row.action,
    status: row.status,
    attempts: row.attempts,
    staffRetries: row.staff_retries,
    createdAt: row.created_at.toISOString(),
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatus: row.last_status,
    lastError: row.last_error,
    problem: row.last_problem ?? null,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at.toISOString() : null,
    deliveredAt: iso(row.delivered_at),
    deadAt: iso(row.dead_at),
    deadReason: row.dead_reason,
  };
}

export interface OutboxRoutesOptions {
  readonly db: OutboxDb;
  readonly clock: () => Date;
  /** Told after a staff retry, so the deliverer tries at once. */
  readonly onRetry: () => void;
}

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema };

export const outboxRoutes: FastifyPluginAsyncZod<OutboxRoutesOptions> = async (app, { db, clock, onRetry }) => {
  const onRequest = requireRoles(...OUTBOX_STAFF_ROLES);

  app.get('/outbox/dead-letters', {
    onRequest,
    schema: {
      tags: ['outbox'],
      summary: 'Messages the platform refused, or that outlived the retry budget (latest first)',
      security: bearerSecurity,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(200).default(50),
        before: instant.optional().describe('Page on: the deadAt of the last item of the previous page.'),
      }),
      response: { 200: z.object({ items: z.array(outboxMessageSchema), nextBefore: instant.nullable() }), ...errors },
    },
  }, async (request) => {
    const { limit, before } = request.query;
    const rows = await listDeadLetters(db, { limit, ...(before ? { before: new Date(before) } : {}) });
    const last = rows.at(-1);
    return { items: rows.map(messageView), nextBefore: rows.length === limit && last ? iso(last.dead_at) : null };
  });

  app.post('/outbox/dead-letters/:id/retry', {
    onRequest,
    schema: {
      tags: ['outbox'],
      summary: 'Try a dead letter again now, with a fresh retry budget (idempotent: a pending or delivered message is left as is)',
      security: bearerSecurity,
      params: z.object({ id: z.string().min(1).max(200) }),
      response: { 200: outboxMessageSchema, 404: problemSchema, ...errors },
    },
  }, async (request) => {
    const row = await retryDeadLetter(db, request.params.id, clock());
    if (!row) throw notFound(`No outbox message ${request.params.id}.`);
    if (row.status === 'pending') onRetry();
    request.log.info({ idempotencyKey: row.idempotency_key, status: row.status }, 'outbox dead letter retried by staff');
    return messageView(row);
  });

  app.get('/outbox/stats', {
    onRequest,
    schema: {
      tags: ['outbox'],
      summary: 'How the outbox is doing: pending, retrying, delivered, dead',
      security: bearerSecurity,
      response: {
        200: z.object({
          pending: z.number().int(),
          retrying: z.number().int(),
          delivered: z.number().int(),
          dead: z.number().int(),
          oldestPendingAt: instant.nullable(),
          nextAttemptAt: instant.nullable(),
          lastDeliveredAt: instant.nullable(),
        }),
        ...errors,
      },
    },
  }, async () => {
    const stats = await outboxStats(db);
    return { ...stats, oldestPendingAt: iso(stats.oldestPendingAt), nextAttemptAt: iso(stats.nextAttemptAt), lastDeliveredAt: iso(stats.lastDeliveredAt) };
  });
};
