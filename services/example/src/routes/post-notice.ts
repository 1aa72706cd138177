// POST /notices: zod schema → PostNotice → handleCommand. 201 with the revision and global position.
import { bearerSecurity, commandContextOf, commandIdSchema, commandReply, commandResponseSchema, handleCommand, problemSchema } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noticeStreamName } from '../domain/notice.js';
import { noticeDecider } from '../domain/notice-decider.js';
import { noticeContactSchema, noticeEvents } from '../notice-events.js';
import { NOTICE_EDITORS } from './roles.js';

const postNoticeBody = z.object({
  commandId: commandIdSchema,
  noticeId: z.uuid(),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(5000),
  contact: noticeContactSchema,
});

export const postNoticeRoute: FastifyPluginAsyncZod = async (app) => {
  app.post('/notices', {
    config: NOTICE_EDITORS,
    schema: {
      tags: ['notices'],
      summary: 'Post a notice (idempotent per commandId)',
      security: bearerSecurity,
      body: postNoticeBody,
      response: { 201: commandResponseSchema.extend({ noticeId: z.uuid() }), 400: problemSchema, 401: problemSchema, 403: problemSchema, 409: problemSchema, 422: problemSchema },
    },
  }, async (request, reply) => {
    const { commandId, noticeId, title, body, contact } = request.body;
    const now = new Date();
    const result = await handleCommand({
      store: app.eventStore,
      registry: noticeEvents,
      decider: noticeDecider,
      streamName: noticeStreamName(noticeId),
      command: { type: 'PostNotice', data: { noticeId, title, body, contact, postedAt: now.toISOString() } },
      context: commandContextOf(request, commandId, now),
    });
    return reply.code(201).send({ noticeId, ...commandReply(reply, result) });
  });
};
