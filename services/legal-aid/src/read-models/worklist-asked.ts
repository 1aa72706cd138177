// A worklist asked, as its statements need it: what shapes them (one organisation's list or several,
// limited to the reach or not, which filters) apart from the values they bind, so that a statement can
// be built once per shape (statement-shapes.ts) and only its values bound on each request.
import { endOfLocalDay, localDateOf, startOfLocalDay } from '@bureau/working-calendar';

export interface WorklistFilter {
  readonly now: Date;
  readonly reach: readonly string[] | null;
  /** Only files received by, held by or competent at this organisation (a station's or an office's own list). */
  readonly organisationId?: string | undefined;
  readonly waitingForMaterials?: boolean | undefined;
  readonly transferredIn?: boolean | undefined;
  readonly overdue?: boolean | undefined;
  /** Only files whose next deadline is 24:00 today (Asia/Shanghai): as an instant, up to the next day's 00:00. */
  readonly dueToday?: boolean | undefined;
}

/** What changes a list's statements' text. */
export interface ListShape {
  /** One organisation's list (its rows are ranges of the btrees that begin with the organisation); else a list over several, each file once. */
  readonly single: boolean;
  /** Only the files the reach has work on: another organisation's list, or a list over several (not the city's). */
  readonly withinReach: boolean;
  readonly waitingForMaterials: boolean;
  readonly transferredIn: boolean;
  readonly overdue: boolean | undefined;
  readonly dueToday: boolean | undefined;
}

/** What a list's statements bind (those the shape does not use are bound to nothing). */
export type ListValues = {
  readonly organisation: string;
  readonly reach: readonly string[];
  readonly now: Date;
  /** Today's deadlines (Beijing time): after `dayStart`, up to `dayEnd`. */
  readonly dayStart: Date;
  readonly dayEnd: Date;
};

/**
 * The one organisation whose list is asked: `?organisationId=`, or a reach of one organisation (a
 * station's clerk).
 */
function singleList(filter: WorklistFilter): string | undefined {
  return filter.organisationId ?? (filter.reach?.length === 1 ? filter.reach[0] : undefined);
}

export function listAsked(filter: WorklistFilter): { readonly shape: ListShape; readonly values: ListValues } {
  const organisation = singleList(filter);
  const { reach, now } = filter;
  const today = filter.dueToday === undefined ? undefined : localDateOf(now);
  return {
    shape: {
      single: organisation !== undefined,
      // Its own list within the reach needs no further look.
      withinReach: reach !== null && (organisation === undefined || !reach.includes(organisation)),
      waitingForMaterials: filter.waitingForMaterials === true,
      transferredIn: filter.transferredIn === true,
      overdue: filter.overdue,
      dueToday: filter.dueToday,
    },
    values: {
      organisation: organisation ?? '',
      reach: reach ?? [],
      now,
      dayStart: today === undefined ? now : startOfLocalDay(today),
      dayEnd: today === undefined ? now : endOfLocalDay(today),
    },
  };
}
