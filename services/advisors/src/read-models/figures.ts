// The figures beyond one village's month, computed from the ledger read model's rows (each the ledger as
// it stands). Pure: the routes pick the rows within the caller's reach and pass them in.
// Counting rules (the annual report's, issue 21): a service (件/次) is a ledger entry in force (standing,
// not voided), counted by its service date (a ledger is a village's month by service date); hours are the
// entries' durations; a village met the monthly minimum in a month when its on-site minutes reached the
// district's minimum (`onSiteCheck`: an excused month is not a met one; a month without a ledger is short).
import { onSiteCheck, serviceTypes, standingEntries, type AdvisorLimits, type LedgerMonthState, type ServiceType } from '../domain/index.js';
import type { RegisteredVillage } from '../registry/villages.js';
import type { LedgerMonthRow } from './ledger-queries.js';

export type ByType = Record<ServiceType, number>;
export const emptyByType = (): ByType => Object.fromEntries(serviceTypes.map((t) => [t, 0])) as ByType;

export interface Tally {
  services: number;
  onSiteMinutes: number;
  remoteMinutes: number;
  byType: ByType;
}

export const emptyTally = (): Tally => ({ services: 0, onSiteMinutes: 0, remoteMinutes: 0, byType: emptyByType() });

/** Adds a ledger's entries in force to `tally`; `advisorId`: that advisor's entries only. */
export function addEntries(tally: Tally, state: LedgerMonthState, advisorId?: string): Tally {
  for (const { content } of standingEntries(state)) {
    if (advisorId !== undefined && content.advisorId !== advisorId) continue;
    tally.services += 1;
    if (content.mode === 'on_site') tally.onSiteMinutes += content.durationMinutes;
    else tally.remoteMinutes += content.durationMinutes;
    tally.byType[content.type] += 1;
  }
  return tally;
}

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
/** A tally with its hours beside the minutes (the report states hours). */
export const withHours = (t: Tally) => ({ ...t, onSiteHours: hours(t.onSiteMinutes), remoteHours: hours(t.remoteMinutes) });

/** The months `from`..`to` (YYYY-MM), inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return months;
    months.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** One village's month as the township's list shows it: hours, counts by type, reviewed or not, shortfall. */
export function villageMonthFigures(village: RegisteredVillage, state: LedgerMonthState, limits: AdvisorLimits) {
  const check = onSiteCheck(state, limits.minimumOnSiteHoursPerMonth);
  const tally = withHours(addEntries(emptyTally(), state));
  const returned = standingEntries(state).filter((e) => e.returned !== null).length;
  return {
    villageId: village.villageId, name: village.name, judicialOfficeId: village.judicialOfficeId,
    status: state.status,
    reviewed: state.status === 'approved',
    ...tally,
    returnedOutstanding: returned,
    advisors: check.byAdvisor.map((s) => s.advisorId).concat(
      [...new Set(standingEntries(state).map((e) => e.content.advisorId))].filter((a) => !check.byAdvisor.some((s) => s.advisorId === a)),
    ),
    onSite: { outcome: check.outcome, minimumMinutes: check.minimumMinutes, shortByMinutes: check.outcome === 'met' ? 0 : check.shortByMinutes },
  };
}

/** One advisor's figures over some months: per village (per month within), and the total. */
export function advisorFigures(advisorId: string, rows: readonly LedgerMonthRow[], villageOf: (villageId: string) => RegisteredVillage | undefined) {
  const total = emptyTally();
  const byVillage = new Map<string, { village: RegisteredVillage | undefined; tally: Tally; months: Map<string, Tally> }>();
  const byMonth = new Map<string, Tally>();
  for (const row of rows) {
    const tally = addEntries(emptyTally(), row.state, advisorId);
    if (tally.services === 0) continue;
    addEntries(total, row.state, advisorId);
    const v = byVillage.get(row.villageId) ?? { village: villageOf(row.villageId), tally: emptyTally(), months: new Map<string, Tally>() };
    addEntries(v.tally, row.state, advisorId);
    v.months.set(row.month, tally);
    byVillage.set(row.villageId, v);
    addEntries(byMonth.get(row.month) ?? byMonth.set(row.month, emptyTally()).get(row.month)!, row.state, advisorId);
  }
  return {
    ...withHours(total),
    villages: [...byVillage].map(([villageId, v]) => ({
      villageId, name: v.village?.name ?? null, townshipId: v.village?.townshipId ?? null, judicialOfficeId: v.village?.judicialOfficeId ?? null,
      ...withHours(v.tally),
      months: [...v.months].map(([month, t]) => ({ month, ...withHours(t) })),
    })),
    months: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, t]) => ({ month, ...withHours(t) })),
  };
}

/**
 * The year's advisors' figures in the annual report's terms for the villages given (those in reach):
 * services 件/次 (entries in force by service date) by type, hours on site, and the villages that met the
 * monthly minimum in every month of the year that has ended (`judgedMonths`), with their ids (traceable).
 */
export function annualFigures(villages: readonly RegisteredVillage[], rows: readonly LedgerMonthRow[], months: readonly string[], judgedMonths: readonly string[], limitsOf: (districtId: string) => AdvisorLimits) {
  const states = new Map(rows.map((r) => [`${r.villageId}_${r.month}`, r.state]));
  const inScope = new Set(villages.map((v) => v.villageId));
  const total = emptyTally();
  const byMonth = months.map((month) => {
    const tally = emptyTally();
    for (const v of villages) {
      const state = states.get(`${v.villageId}_${month}`);
      if (state) addEntries(tally, state);
    }
    total.services += tally.services;
    total.onSiteMinutes += tally.onSiteMinutes;
    total.remoteMinutes += tally.remoteMinutes;
    for (const t of serviceTypes) total.byType[t] += tally.byType[t];
    return { month, ...withHours(tally) };
  });
  const metEveryMonth: string[] = [];
  const metOrExcusedEveryMonth: string[] = [];
  for (const v of villages) {
    if (!inScope.has(v.villageId) || judgedMonths.length === 0) continue;
    const outcomes = judgedMonths.map((m) => onSiteCheck(states.get(`${v.villageId}_${m}`) ?? { status: 'unopened' }, limitsOf(v.districtId).minimumOnSiteHoursPerMonth).outcome);
    if (outcomes.every((o) => o === 'met')) metEveryMonth.push(v.villageId);
    if (outcomes.every((o) => o !== 'short')) metOrExcusedEveryMonth.push(v.villageId);
  }
  return {
    unit: '件/次',
    ...withHours(total),
    villages: villages.length,
    judgedMonths: [...judgedMonths],
    villagesMetEveryMonth: metEveryMonth.length,
    villagesMetOrExcusedEveryMonth: metOrExcusedEveryMonth.length,
    villagesMetEveryMonthIds: metEveryMonth,
    months: byMonth,
  };
}
