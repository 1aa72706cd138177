// POST /integrations/12345/:platformId/messages: the city platform's pushes (派单, 审核, 回访, 重办, 催办…).
// Raw body (this plugin's own parser) → signature (401) → message (400) → command with commandId = the
// message id, so every redelivery, even concurrent ones, is recognised and answered the same; a message id
// re-sent with another body is refused (409) and recorded (integration/delivery-conflicts.ts).
import { centreAnswerSchema } from '@bureau/hotline-protocol/messages';
import { formatPosition } from '@bureau/event-store';
import { HttpProblem, IdempotencyKeyReusedError, problemSchema, problemTypes, publicAccess } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runWorkOrderCommand } from '../commands/run-work-order-command.js';
import { KeyedQueue } from '../integration/keyed-queue.js';
import { messageDigestOf, recordDeliveryConflict } from '../integration/delivery-conflicts.js';
import { commandOfMessage } from '../integration/message-commands.js';
import { readMessage } from '../integration/read-message.js';
import { verifyDelivery } from '../integration/verify-delivery.js';
import { workOrderIdOf } from '../work-order-id.js';
import type { HotlineRouteOptions } from './options.js';

/** The role recorded in the envelope of everything a platform message causes. */
export const PLATFORM_ROLE = 'hotline_platform';

export const webhookRoute: FastifyPluginAsyncZod<HotlineRouteOptions> = async (app, options) => {
  // Encapsulated: only this route sees bodies as raw bytes, which the signature is computed over.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  const perOrder = new KeyedQueue();

  app.post('/integrations/12345/:platformId/messages', {
    // The platform is a machine without a token: each message is signed with its shared secret instead.
    config: publicAccess('signed by the 12345 platform (HMAC), verified before anything is read'),
    schema: {
      tags: ['12345 integration'],
      summary: 'A signed message from the city 12345 platform (idempotent per messageId)',
      params: z.object({ platformId: z.string() }),
      response: { 200: centreAnswerSchema, 400: problemSchema, 401: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema, 503: problemSchema },
    },
  }, async (request) => {
    const now = options.clock();
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const platform = verifyDelivery({ platforms: options.platforms, platformId: request.params.platformId, headers: request.headers, rawBody, now });
    const message = readMessage(rawBody, request.headers, now);
    const workOrderId = workOrderIdOf(platform.id, message.orderNo);
    const occurredAt = new Date(message.occurredAt);
    const result = await perOrder.run(workOrderId, () => runWorkOrderCommand(
      { store: app.eventStore, calendar: app.hotlineCalendar, events: app.hotline.events },
      {
        workOrderId,
        command: commandOfMessage(message, platform.id, workOrderId, app.hotline.config.ownership.centreOf(platform.id)),
        now: occurredAt,
        context: {
          commandId: message.messageId,
          actor: { id: platform.id, role: PLATFORM_ROLE, organisation: platform.id },
          correlationId: request.id,
          occurredAt,
          commandDigest: messageDigestOf(message),
        },
      },
    )).catch(async (error: unknown) => {
      if (!(error instanceof IdempotencyKeyReusedError)) throw error;
      await recordDeliveryConflict(app.eventStore, platform.id, message, now, request.id);
      request.log.warn({ platformId: platform.id, messageId: message.messageId, orderNo: message.orderNo }, '12345 message id re-sent with another body; refused and recorded');
      throw new HttpProblem(409, 'Conflict', problemTypes.idempotencyKeyReused,
        'This messageId was already used for a different message, which stands; this delivery was not applied and is recorded for the centre to take up with the platform. Send a changed message with a new messageId.',
        { rule: 'message_id_reused', errors: [{ field: 'body.messageId', rule: 'message_id_reused', message: 'already used for a different message' }] });
    });
    // A stream that answered exists, so it has a last position.
    if (!result.position) throw new Error(`work order ${workOrderId}: no position after a command`);
    // Nothing new: this message id was applied before, or the decider found it already done.
    const duplicate = result.alreadyApplied || result.events.length === 0;
    return { workOrderId, position: formatPosition(result.position), duplicate };
  });
};
