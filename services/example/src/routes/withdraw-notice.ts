// POST /notices/:noticeId/withdrawal: WithdrawNotice, optionally guarded by If-Match (412 when stale).
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noticeStreamName } from '../domain/notice.js';
import { noticeDecider } from '../domain/notice-decider.js';
import { noticeEvents } from '../notice-events.js';
import { NOTICE_EDITORS } from './roles.js';

export const withdrawNoticeRoute: FastifyPluginAsyncZod = async (app) => {
  app.post('/notices/:noticeId/withdrawal', {
    config: NOTICE_EDITORS,
    schema: {
      tags: ['notices'],
      summary: 'Withdraw a posted notice; send If-Match with the revision you read to refuse stale withdrawals',
      security: bearerSecurity,
      params: z.object({ noticeId: z.uuid() }),
      headers: z.object({ 'if-match': z.string().optional() }),
      body: z.object({ commandId: commandIdSchema, reason: z.string().trim().min(1).max(500) }),
      response: { 200: commandResponseSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 412: problemSchema, 422: problemSchema },
    },
  }, async (request, reply) => {
    const { noticeId } = request.params;
    const now = new Date();
    const result = await handleCommand({
      store: app.eventStore,
      registry: noticeEvents,
      decider: noticeDecider,
      streamName: noticeStreamName(noticeId),
      command: { type: 'WithdrawNotice', data: { noticeId, reason: request.body.reason, withdrawnAt: now.toISOString() } },
      context: commandContextOf(request, request.body.commandId, now),
    });
    return reply.send(commandReply(reply, result));
  });
};
