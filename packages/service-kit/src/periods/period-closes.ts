// The statistician's closes (关账), as the services read them: the reports service records each in
// `reportPeriods-<districtId>` (`ReportPeriodClosed`, data.period '2026', '2026-Q1' or '2026-03'), and the
// city's statistician the city's own organisations' (市本级) in `reportPeriods-<cityId>`: which close
// freezes an organisation's figures is closing-units.ts's. A service's statistics for a closed period are
// its figures as of the close's position in $all; what was recorded after it shows as a restatement
// (docs/reports/counting-rules.md, "Closed periods").
import { StreamNotFoundError, type EventStore, type GlobalPosition } from '@bureau/event-store';

export interface PeriodClose {
  /** The unit closed: a district's id, or the city's for its own organisations (市本级). */
  readonly districtId: string;
  readonly period: string;
  readonly position: GlobalPosition;
  readonly closedAt: string;
}

export const reportPeriodsStreamOf = (districtId: string) => `reportPeriods-${districtId}`;

/** The close of `period` for each of these units (districts, or the city for 市本级) that has closed it (the first close stands: a period is closed once). */
export async function readPeriodCloses(store: EventStore, districtIds: Iterable<string>, period: string): Promise<Map<string, PeriodClose>> {
  const closes = new Map<string, PeriodClose>();
  for (const districtId of new Set(districtIds)) {
    try {
      for await (const recorded of store.readStream(reportPeriodsStreamOf(districtId))) {
        if (recorded.type !== 'ReportPeriodClosed' || closes.has(districtId)) continue;
        const data = recorded.data;
        if (!data || typeof data !== 'object' || Array.isArray(data) || data['period'] !== period) continue;
        const closedAt = typeof data['closedAt'] === 'string' ? data['closedAt'] : recorded.recordedAt.toISOString();
        closes.set(districtId, { districtId, period, position: recorded.position, closedAt });
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
  }
  return closes;
}

/** A figure that moved after the close: as closed, and as it stands now. */
export interface Restated {
  readonly figure: string;
  readonly asClosed: number | null;
  readonly now: number | null;
}

/** The figures (flat, by name) whose value now differs from the value as closed. */
export function restatedFigures(asClosed: Readonly<Record<string, number | null>>, now: Readonly<Record<string, number | null>>): Restated[] {
  const names = [...new Set([...Object.keys(asClosed), ...Object.keys(now)])].sort();
  return names.filter((n) => (asClosed[n] ?? null) !== (now[n] ?? null)).map((figure) => ({ figure, asClosed: asClosed[figure] ?? null, now: now[figure] ?? null }));
}

/**
 * Every number of an answer, by its path (`totals.met`, `villages.<villageId>.entries`): what
 * `restatedFigures` compares. An array's items are named by their own id when they have one.
 */
export function figuresOf(value: unknown, path = '', out: Record<string, number | null> = {}): Record<string, number | null> {
  if (typeof value === 'number') out[path] = value;
  else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const id = item && typeof item === 'object' ? Object.entries(item).find(([k, v]) => k.endsWith('Id') && typeof v === 'string')?.[1] : undefined;
      figuresOf(item, `${path}${path ? '.' : ''}${typeof id === 'string' ? id : i}`, out);
    });
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) figuresOf(v, `${path}${path ? '.' : ''}${k}`, out);
  }
  return out;
}
