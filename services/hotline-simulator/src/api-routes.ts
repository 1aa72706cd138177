// The platform's API receiving the centre's calls (protocol "Outbound: centre → platform"):
// POST /api/orders/:orderNo/(sign-for|return-requests|extension-requests|replies).
// Order of checks: outage (503) → signature and timestamp (401) → JSON and fields (400) →
// unknown order (404) → idempotency key (replay, or 422 when reused for a different call).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyHeader, outboundActions, outboundBodies } from '@bureau/hotline-protocol/messages';
import type { Outage } from './outage.js';
import type { PlatformRecord, ReceivedCall } from './platform-record.js';
import { ProblemError, sendProblem } from './problem.js';
import { platformHeader, signatureHeader, timestampHeader, verify } from '@bureau/hotline-protocol/signing';

export interface ApiRoutesOptions {
  readonly platformId: string;
  readonly secret: string;
  readonly clock: () => Date;
  readonly record: PlatformRecord;
  readonly outage: Outage;
  /** Told of each call applied for the first time (not of replays). */
  readonly onAccepted: (call: ReceivedCall) => void;
}

export const receiptSchema = z.object({
  receiptId: z.string(),
  orderNo: z.string(),
  action: z.enum(outboundActions),
  acceptedAt: z.string(),
});

const headerText = (value: string | string[] | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export async function apiRoutes(app: FastifyInstance, options: ApiRoutesOptions): Promise<void> {
  const { platformId, secret, clock, record, outage, onAccepted } = options;
  // The signature covers the exact bytes, so keep them; JSON is judged only after the signature.
  const rawBodies = new WeakMap<FastifyRequest, { raw: string; json: unknown; parsed: boolean }>();
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const raw = typeof body === 'string' ? body : body.toString('utf8');
    try {
      rawBodies.set(request, { raw, json: JSON.parse(raw), parsed: true });
    } catch {
      rawBodies.set(request, { raw, json: undefined, parsed: false });
    }
    done(null, rawBodies.get(request)?.json);
  });

  const routes = app.withTypeProvider<ZodTypeProvider>();
  for (const action of outboundActions) {
    routes.post(`/api/orders/:orderNo/${action}`, {
      schema: {
        params: z.object({ orderNo: z.string() }),
        headers: z.object({ [idempotencyKeyHeader]: z.string().trim().min(1).max(200) }),
        body: outboundBodies[action],
        response: { 200: receiptSchema },
      },
      onRequest: async (request, reply) => {
        const failWith = outage.take();
        if (failWith !== undefined) {
          reply.header('retry-after', '1');
          return sendProblem(reply, failWith, 'the 12345 platform is unavailable, retry later');
        }
      },
      preValidation: async (request) => {
        const body = rawBodies.get(request) ?? { raw: '', json: undefined, parsed: true };
        if (headerText(request.headers[platformHeader]) !== platformId) {
          request.log.warn({ action }, 'refused a call for another platform');
          throw new ProblemError(401, `the ${platformHeader} header must be ${platformId}`);
        }
        const verdict = verify({
          secret,
          timestamp: headerText(request.headers[timestampHeader]),
          signature: headerText(request.headers[signatureHeader]),
          rawBody: body.raw,
          now: clock(),
        });
        if (!verdict.ok) {
          request.log.warn({ action, reason: verdict.reason }, 'refused a call with a bad signature');
          throw new ProblemError(401, `signature refused: ${verdict.reason}`);
        }
        if (!body.parsed) throw new ProblemError(400, 'the body is not valid JSON');
      },
      onResponse: async (request, reply) => {
        const orderNo = request.params.orderNo;
        const idempotencyKey = headerText(request.headers[idempotencyKeyHeader]);
        record.noteAttempt({ action, orderNo, idempotencyKey, status: reply.statusCode, at: clock().toISOString() });
      },
      handler: async (request, reply) => {
        const { orderNo } = request.params;
        if (!record.knows(orderNo)) throw new ProblemError(404, `the platform has no order ${orderNo}`);
        const key = request.headers[idempotencyKeyHeader];
        const outcome = await record.accept(key, action, orderNo, request.body, clock());
        switch (outcome.kind) {
          case 'key-reused':
            throw new ProblemError(422, `idempotency key ${key} was already used for a different call`);
          case 'replayed':
            reply.header('idempotent-replayed', 'true');
            return outcome.receipt;
          case 'applied':
            request.log.info({ action, orderNo, idempotencyKey: key }, 'accepted a call from the centre');
            onAccepted(outcome.call);
            return outcome.receipt;
          default: {
            const unknown: never = outcome;
            throw new Error(`unhandled outcome ${String(unknown)}`);
          }
        }
      },
    });
  }
}
