// The official working-day calendar (工作日 with 调休, docs/domain/README.md §4) as a stream: the shipped
// official data plus every year an administrator loaded. The calendar is national, so there is one stream
// that every service reads. Each load is an event, so an auditor can see which calendar (version) a
// deadline was computed on and who loaded it. Pure: no I/O, no clock.
import { DomainRuleError, type Decider } from '@bureau/service-kit/domain';
import {
  CalendarDataError,
  calendarVersion,
  mergeCalendarYears,
  type CalendarData,
  type CalendarYearData,
} from '@bureau/working-calendar';

/**
 * The one official calendar stream. Its name (and the event types below) are the ones the hotline wrote
 * before this package existed, so a stream already stored reads on unchanged.
 */
export const officialCalendarStream = 'calendar-official';
/** The stream's category, which a subscription follows to hear of loads made by other instances. */
export const officialCalendarCategory = 'calendar';

export type OfficialCalendarYearLoaded = {
  type: 'OfficialCalendarYearLoaded';
  data: {
    year: string;
    off: string[];
    work: string[];
    source: string;
    loadedBy: string;
    loadedAt: string;
    /** The version of the whole calendar after this load (what later deadlines record). */
    calendarVersion: string;
    /** The year was loaded before with other entries (an amended State Council notice). */
    replacedExisting: boolean;
  };
};
export type CalendarEvent = OfficialCalendarYearLoaded;

export type LoadOfficialCalendarYear = {
  type: 'LoadOfficialCalendarYear';
  data: { year: string; off: string[]; work: string[]; source: string; replaceExisting: boolean; loadedBy: string; loadedAt: Date };
};

export type CalendarState = {
  /** Shipped data merged with every load, in order. */
  readonly data: CalendarData;
  readonly loads: readonly OfficialCalendarYearLoaded['data'][];
};

const sameEntries = (a: CalendarYearData, b: CalendarYearData) =>
  JSON.stringify([a.off, a.work]) === JSON.stringify([b.off, b.work]);

function additionOf(year: string, off: readonly string[], work: readonly string[], source: string) {
  return { source, timezone: 'Asia/Shanghai', years: { [year]: { off, work } } };
}

/** The decider over the shipped data: loading a year identical to one loaded changes nothing. */
export function calendarDecider(shipped: CalendarData): Decider<CalendarState, LoadOfficialCalendarYear, CalendarEvent> {
  return {
    initialState: () => ({ data: shipped, loads: [] }),
    evolve(state, event) {
      const { year, off, work, source } = event.data;
      // Already decided: a later load of the same year replaces it.
      const data = mergeCalendarYears(state.data, additionOf(year, off, work, source), { replaceExisting: true });
      return { data, loads: [...state.loads, event.data] };
    },
    decide(command, state) {
      const { year, off, work, source, replaceExisting, loadedBy, loadedAt } = command.data;
      const existing = state.data.years[year];
      if (existing && sameEntries(existing, { off, work })) return [];
      let merged: CalendarData;
      try {
        merged = mergeCalendarYears(state.data, additionOf(year, off, work, source), { replaceExisting });
      } catch (error) {
        if (!(error instanceof CalendarDataError)) throw error;
        throw new DomainRuleError(
          'calendar_year_conflict',
          `${year}年日历已加载且内容不同；如确需替换（如通知更正），请设置 replaceExisting / year ${year} is already loaded with other entries; send replaceExisting: true to replace it`,
        );
      }
      return [
        {
          type: 'OfficialCalendarYearLoaded',
          data: {
            year,
            off: [...off],
            work: [...work],
            source,
            loadedBy,
            loadedAt: loadedAt.toISOString(),
            calendarVersion: calendarVersion(merged),
            replacedExisting: existing !== undefined,
          },
        },
      ];
    },
  };
}
