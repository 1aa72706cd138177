// The stored form of the notice events: validated before every append, upcast when read.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { NoticeEvent } from './domain/notice.js';

export const noticeContactSchema = z.object({
  name: z.string().trim().min(1).max(50),
  // Mainland mobile (11 digits from 1) or a landline with area code (e.g. 020-12345678).
  phone: z.string().regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, 'must be a mobile (11 digits) or a landline with area code'),
});

export const noticeEvents = createEventRegistry<NoticeEvent>({
  NoticePosted: defineEvent({
    type: 'NoticePosted',
    schema: z.object({
      noticeId: z.uuid(),
      title: z.string().min(1).max(120),
      body: z.string().min(1).max(5000),
      contact: noticeContactSchema,
      postedAt: z.iso.datetime(),
    }),
  }),
  NoticeWithdrawn: defineEvent({
    type: 'NoticeWithdrawn',
    schema: z.object({ noticeId: z.uuid(), reason: z.string().min(1).max(500), withdrawnAt: z.iso.datetime() }),
  }),
});
