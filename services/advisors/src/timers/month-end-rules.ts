// The month-end timer's rule (pure): one repeating `month_end` schedule (24:00 Beijing time of each
// month's last day) per village, armed by the village's first appointment (revision 0 of its
// appointments stream) from the first day of that appointment, so every month from then on is judged,
// including months nobody logged anything in (short by the whole minimum). Later appointments do not re-arm
// it (re-arming from a later date would skip the months in between). A judgement recorded by the timer's
// fire maps back to `fired` for the month's end (so a rebuild derives the same rows); a re-judgement
// after a later correction names an older month end and changes nothing here.
import type { RecordedEvent } from '@bureau/event-store';
import type { TimerChange, TimerRules } from '@bureau/durable-timers';
import { atLocalTime } from '@bureau/working-calendar';
import { advisorAppointmentsCategory, advisorLedgerCategory, monthEndsAt } from '../domain/index.js';

export type MonthEndTimer = 'month_end';

const APPOINTMENTS = `${advisorAppointmentsCategory}-`;
const LEDGER = `${advisorLedgerCategory}-`;

/** `advisorLedger-<villageId>_<YYYY-MM>` → village and month. */
export function ledgerStreamParts(streamName: string): { villageId: string; month: string } | undefined {
  if (!streamName.startsWith(LEDGER)) return undefined;
  const rest = streamName.slice(LEDGER.length);
  const at = rest.lastIndexOf('_');
  return at > 0 ? { villageId: rest.slice(0, at), month: rest.slice(at + 1) } : undefined;
}

export const monthEndRules: TimerRules<MonthEndTimer> = {
  // Only these two types ever change the timer (changesOf): read by type, the schedule is not handed
  // every ledger event (a province's month import is 100,000 of them) to find the few it needs. Names
  // these types and no others start with.
  eventTypes: ['AdvisorAppointed', 'OnSiteMinimumJudged'],
  subjectOf(event: RecordedEvent) {
    if (event.streamName.startsWith(APPOINTMENTS)) return event.streamName.slice(APPOINTMENTS.length);
    return ledgerStreamParts(event.streamName)?.villageId;
  },
  changesOf(event: RecordedEvent): readonly TimerChange<MonthEndTimer>[] {
    if (event.type === 'AdvisorAppointed' && event.revision === 0n && event.streamName.startsWith(APPOINTMENTS)) {
      const data = event.data as { from?: unknown };
      if (typeof data.from !== 'string') return [];
      // From 00:00 of the appointment's first day: the first occurrence is that month's end.
      return [{ kind: 'repeat', timer: 'month_end', repeat: { every: 'month_end' }, from: atLocalTime(data.from).toISOString() }];
    }
    if (event.type === 'OnSiteMinimumJudged') {
      const parts = ledgerStreamParts(event.streamName);
      return parts ? [{ kind: 'fired', timer: 'month_end', dueAt: monthEndsAt(parts.month).toISOString() }] : [];
    }
    return [];
  },
};
