// The stored form of a village-month ledger (台账) and its review. Schema version 1. Every event's data
// is checked before it is appended and again when read back.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { LedgerEvent } from '../domain/index.js';
import { entryContent, id, instant, ledgerMonth, reason, shortfallCause } from './schemas.js';

export const advisorLedgerEvents = createEventRegistry<LedgerEvent>({
  LedgerMonthOpened: defineEvent({
    type: 'LedgerMonthOpened',
    schema: z.object({ villageId: id, judicialOfficeId: id, month: ledgerMonth }),
  }),
  ServiceLogged: defineEvent({
    type: 'ServiceLogged',
    schema: z.object({ entryId: id, content: entryContent, loggedAt: instant }),
  }),
  EntryCorrected: defineEvent({
    type: 'EntryCorrected',
    schema: z.object({
      entryId: id,
      content: entryContent,
      changed: z.array(z.string().min(1)).min(1),
      reason,
      resubmitted: z.boolean(),
      correctedAt: instant,
    }),
  }),
  EntryVoided: defineEvent({
    type: 'EntryVoided',
    schema: z.object({ entryId: id, reason, voidedAt: instant }),
  }),
  MonthReviewStarted: defineEvent({
    type: 'MonthReviewStarted',
    schema: z.object({ startedAt: instant }),
  }),
  EntryReturned: defineEvent({
    type: 'EntryReturned',
    schema: z.object({ entryId: id, reason, returnedAt: instant }),
  }),
  MonthApproved: defineEvent({
    type: 'MonthApproved',
    schema: z.object({
      approvedAt: instant,
      onSiteMinutes: z.number().int().min(0),
      minimumMinutes: z.number().int().min(0),
      onSiteOutcome: z.enum(['met', 'short', 'excused']),
    }),
  }),
  MonthReopened: defineEvent({
    type: 'MonthReopened',
    schema: z.object({ reason, reopenedAt: instant }),
  }),
  ShortfallExcused: defineEvent({
    type: 'ShortfallExcused',
    schema: z.object({ cause: shortfallCause, reason, shortByMinutes: z.number().int().min(1), excusedAt: instant }),
  }),
  OnSiteMinimumJudged: defineEvent({
    type: 'OnSiteMinimumJudged',
    schema: z.object({
      outcome: z.enum(['met', 'short', 'excused']),
      onSiteMinutes: z.number().int().min(0),
      minimumMinutes: z.number().int().min(0),
      shortByMinutes: z.number().int().min(0),
      byAdvisor: z.array(z.object({ advisorId: id, onSiteMinutes: z.number().int().min(1) })),
      judgedAt: instant,
    }),
  }),
});
