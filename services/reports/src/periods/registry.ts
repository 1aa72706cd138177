// The report periods' event registry: schemas and versions of what the statistician records.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { ReportPeriodsEvent } from './events.js';
import { PERIOD_PATTERN } from './period.js';

const instant = z.iso.datetime({ offset: true });

export const reportPeriodsEvents = createEventRegistry<ReportPeriodsEvent>({
  ReportPeriodClosed: defineEvent({
    type: 'ReportPeriodClosed',
    schema: z.object({ districtId: z.string().min(1), period: z.string().regex(PERIOD_PATTERN), closedAt: instant, note: z.string().max(500).nullable() }),
  }),
  PeerReviewRankRecorded: defineEvent({
    type: 'PeerReviewRankRecorded',
    schema: z.object({
      districtId: z.string().min(1), year: z.number().int().min(2000).max(2100), rank: z.number().int().min(1), of: z.number().int().min(1),
      source: z.string().min(1).max(200), recordedAt: instant,
    }),
  }),
});
