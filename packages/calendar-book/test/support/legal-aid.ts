// A small service of the tests' own, not the hotline: legal-aid offices (法律援助) whose applications are
// reviewed within 7 working days (审查期限) and whose citizens get a call back within 4 working hours.
// Each office is an organisation with its own office hours; the rules are built from the calendar book.
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { freshDatabase } from '@bureau/testing';
import type { OfficePeriod, OfficialWorkingCalendar } from '@bureau/working-calendar';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const eastOffice = 'legal-aid-east';
export const westOffice = 'legal-aid-west';
/** The east office closes for a long lunch: 08:30-12:00 and 14:00-17:30. West keeps the default hours. */
export const eastHours: OfficePeriod[] = [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }];

export interface LegalAidRules {
  readonly reviewDueAt: (receivedAt: Date) => Date;
  readonly callBackDueAt: (receivedAt: Date) => Date;
  readonly calendarVersion: string;
  /** The office's configured hours; undefined: the calendar's default. */
  readonly configuredHours: readonly OfficePeriod[] | undefined;
}

export function legalAidRules(calendar: OfficialWorkingCalendar, configuredHours: readonly OfficePeriod[] | undefined): LegalAidRules {
  return {
    reviewDueAt: (receivedAt) => calendar.addWorkingDays(receivedAt, 7),
    callBackDueAt: (receivedAt) => calendar.addWorkingHours(receivedAt, 4),
    calendarVersion: calendar.version,
    configuredHours,
  };
}

export async function freshStore(t: Teardown): Promise<{ store: EventStore; databaseUrl: string }> {
  const databaseUrl = await freshDatabase(t, 'calendar_book');
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  t.teardown(() => store.close());
  return { store, databaseUrl };
}

/** An envelope as the kit writes it, for events appended the way an older service stored them. */
export function storedEnvelope(occurredAt: string) {
  return {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'user-administrator', role: 'administrator', organisation: 'district-bureau' },
    occurredAt,
    schemaVersion: 1,
  };
}

/** Test data in the official format (not the real 2027 notice). */
export const year2027 = {
  source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
  off: ['2027-01-01/2027-01-03', '2027-02-06/2027-02-13'],
  work: ['2027-02-20'],
};

/** An instant from Asia/Shanghai wall-clock time. */
export function local(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}
