// GET /notices/:noticeId: the notice folded from its own stream, with its revision as ETag.
import { bearerSecurity, etagOf, problemSchema, readStreamState } from '@bureau/service-kit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { noticeStreamName } from '../domain/notice.js';
import { noticeDecider } from '../domain/notice-decider.js';
import { noticeContactSchema, noticeEvents } from '../notice-events.js';
import { NOTICE_READERS } from './roles.js';

const noticeView = z.object({
  noticeId: z.uuid(),
  status: z.enum(['posted', 'withdrawn']),
  title: z.string(),
  body: z.string(),
  contact: noticeContactSchema,
  postedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  revision: z.string(),
});

export const getNoticeRoute: FastifyPluginAsyncZod = async (app) => {
  app.get('/notices/:noticeId', {
    config: NOTICE_READERS,
    schema: {
      tags: ['notices'],
      summary: 'Read one notice',
      security: bearerSecurity,
      params: z.object({ noticeId: z.uuid() }),
      response: { 200: noticeView, 401: problemSchema, 404: problemSchema },
    },
  }, async (request, reply) => {
    const { state, revision } = await readStreamState(app.eventStore, noticeEvents, noticeDecider, noticeStreamName(request.params.noticeId));
    // A stream always starts with NoticePosted, so a read stream is never 'unposted'.
    if (state.status === 'unposted') throw new Error(`notice stream ${request.params.noticeId} has no NoticePosted`);
    reply.header('etag', etagOf(revision));
    const { noticeId, status, title, body, contact, postedAt } = state;
    return { noticeId, status, title, body, contact, postedAt, withdrawnAt: state.status === 'withdrawn' ? state.withdrawnAt : null, revision: String(revision) };
  });
};
