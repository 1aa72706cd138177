// The stored form of a spreadsheet import (台账导入): accepted, then completed. Schema version 1. The
// accepted event names the kept file and how it was read, with a digest of each ledger's rows; imports
// accepted before the file was kept carry the rows themselves (`commands`), and are read as they are.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import type { ImportEvent } from '../domain/index.js';
import { id, instant, ledgerMonth, localDate, clockTime, serviceType, serviceMode, personServed, evidenceReference } from './schemas.js';
import { reviewSubjects } from '../domain/index.js';

const logServiceData = z.object({
  entryId: id, villageId: id, advisorId: id, date: localDate, startTime: clockTime.nullable(), type: serviceType,
  reviewSubject: z.enum(reviewSubjects).nullable(), durationMinutes: z.number().int().min(1).max(1440), mode: serviceMode,
  personsServed: z.array(personServed), summary: z.string().min(1), evidence: z.array(evidenceReference), legalAidApplicationId: id.nullable(),
});

export const ledgerImportEvents = createEventRegistry<ImportEvent>({
  LedgerImportAccepted: defineEvent({
    type: 'LedgerImportAccepted',
    schema: z.object({
      importId: id, fileSha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().nullable(), rowCount: z.number().int().min(0),
      alreadyLogged: z.number().int().min(0),
      batches: z.array(z.object({
        villageId: id, month: ledgerMonth, rows: z.array(z.number().int().min(1)),
        ledgerRowsSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(), commands: z.array(logServiceData).optional(),
      })),
      reading: z.object({
        kind: z.enum(['csv', 'xlsx']), advisorId: id.nullable(), villages: z.record(z.string(), id), advisors: z.record(z.string(), id),
      }).optional(),
      acceptedAt: instant,
    }),
  }),
  LedgerImportCompleted: defineEvent({ type: 'LedgerImportCompleted', schema: z.object({ completedAt: instant }) }),
});
