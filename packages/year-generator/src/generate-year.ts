// generateYear: a realistic district-year (or a city's, a province's) written through the services' own
// deciders into an event store. Deterministic for a seed: the same seed writes the same events (the same
// ids), so writing it again changes nothing. Districts are generated one after another, and written in
// the background while the next is generated (append-pipeline.ts; memory stays that of a district or
// two); every stream's events go in one guarded append, many streams in one transaction.
import type { EventStore } from '@bureau/event-store';
import { legalAidRules } from '@bureau/legal-aid/domain';
import { officeDirectoryOf } from '@bureau/legal-aid/offices';
import { createOfficialWorkingCalendar, type OfficialWorkingCalendar } from '@bureau/working-calendar';
import { advisorsYear, emptyAdvisorCounts, type AdvisorCounts } from './advisors.js';
import { emptyHotlineCounts, hotlineYear, type HotlineCounts } from './hotline.js';
import { LAWYERS_PER_DISTRICT, lawyerRegistry } from './lawyers.js';
import { emptyLegalAidCounts, legalAidYear, notifiedYear, type LegalAidCounts } from './legal-aid.js';
import { planDistricts, registerPlan, rowsOf, type DistrictPlan } from './organisations.js';
import { Random } from './random.js';
import { daysOf } from './seasonality.js';
import { emptyWalkInCounts, walkInsYear, type WalkInCounts } from './walk-ins.js';
import { AppendPipeline, type PendingStream } from './append-pipeline.js';

/** The seed district's year (docs/domain/README.md, issue 21): what 1x means, per district. */
export const SEED_DISTRICT_YEAR = Object.freeze({
  legalAidApplications: 2400,
  /** 通知辩护: about one case in seven beside the applications (domain reference §2: "a large share"). */
  notifiedCases: 360,
  workOrders: 349,
  advisorServices: 8816,
  villages: 190,
  townships: 10,
  walkInPersons: 2300,
});

export interface GenerateYearOptions {
  readonly store: EventStore;
  /** A year whose official calendar (and the next year's, where deadlines run on) is loaded; default 2025. */
  readonly year?: number;
  /** 1 = the seed district; 10 = a city of 10 districts; 100 = a province's 100; below 1 = one district, scaled down. */
  readonly scale?: number;
  readonly seed?: string;
  readonly onProgress?: (progress: GenerationProgress) => void;
  /** Appends in flight at once on a store without the batch append (default 128: its group commit then fills its batches). */
  readonly inFlight?: number;
  /** Events in one batch (one transaction) on a store with the batch append (PostgreSQL); default 4,000. */
  readonly batchEvents?: number;
  readonly calendar?: OfficialWorkingCalendar;
}

export interface GenerationProgress {
  readonly phase: 'organisations' | 'district';
  readonly district: string | null;
  readonly districtsDone: number;
  readonly districts: number;
  readonly events: number;
  readonly elapsedMs: number;
}

export interface DistrictSummary {
  readonly districtId: string;
  readonly villages: number;
  readonly legalAid: LegalAidCounts;
  readonly hotline: HotlineCounts;
  readonly advisors: AdvisorCounts;
  readonly walkIns: WalkInCounts;
}

export interface YearSummary {
  readonly year: number;
  readonly scale: number;
  readonly seed: string;
  /** The districts generated, in order (1x: 花都, the demo city's district, extended). */
  readonly districtIds: readonly string[];
  readonly organisationsRegistered: number;
  /** Per district; a 市域通办 transfer's decisions count in the district that decided it (白云 at 1x). */
  readonly districts: Readonly<Record<string, DistrictSummary>>;
  /** Events generated per type (the organisations' registrations included); all written unless already there. */
  readonly eventsByType: Readonly<Record<string, number>>;
  /** Events written now; fewer than generated when the store already held some (the same seed again). */
  readonly events: number;
  readonly alreadyPresent: number;
  readonly elapsedMs: number;
}

export async function generateYear(options: GenerateYearOptions): Promise<YearSummary> {
  const started = performance.now();
  const year = options.year ?? 2025;
  const scale = options.scale ?? 1;
  const seed = options.seed ?? 'bureau-demo';
  const calendar = options.calendar ?? createOfficialWorkingCalendar();
  if (!calendar.years.includes(year) || !calendar.years.includes(year + 1)) {
    throw new RangeError(`year ${year}: the official calendar must hold ${year} and ${year + 1} (deadlines run into the next year); it holds ${calendar.years.join(', ')}`);
  }
  if (!(scale > 0 && scale <= 1000)) throw new RangeError(`scale must be in (0, 1000], got ${scale}`);
  const districtCount = scale >= 1 ? Math.round(scale) : 1;
  const factor = scale / districtCount;
  const n = (x: number) => Math.max(1, Math.round(x * factor));
  const villages = n(SEED_DISTRICT_YEAR.villages);
  const townships = Math.min(SEED_DISTRICT_YEAR.townships, villages);
  // Always plan 白云 too: at 1x it is only the partner 市域通办 transfers go to (the demo city's own).
  const plan = planDistricts(Math.max(districtCount, 2), townships, villages);
  const generated = plan.slice(0, districtCount);
  const eventsByType: Record<string, number> = {};
  let events = 0;
  let generatedEvents = 0;
  const count = (types: readonly string[]) => {
    for (const type of types) eventsByType[type] = (eventsByType[type] ?? 0) + 1;
  };
  const progress = (phase: GenerationProgress['phase'], district: string | null, districtsDone: number) =>
    options.onProgress?.({ phase, district, districtsDone, districts: generated.length, events, elapsedMs: performance.now() - started });

  const yearStart = new Date(`${year}-01-01T00:00:00+08:00`);
  const registration = await registerPlan(options.store, rowsOf(generated), new Date(yearStart.getTime() - 86_400_000));
  if (registration.registered > 0) eventsByType.OrganisationRegistered = registration.registered;
  events += registration.registered;
  generatedEvents += registration.registered;
  progress('organisations', null, 0);
  const offices = officeDirectoryOf(registration.state);
  const rules = legalAidRules(calendar);
  const days = daysOf(calendar, year);
  const root = new Random(seed);
  const summaries: Record<string, DistrictSummary> = {};
  const summaryOf = (districtId: string): DistrictSummary => {
    summaries[districtId] ??= {
      districtId, villages: 0, legalAid: emptyLegalAidCounts(), hotline: emptyHotlineCounts(), advisors: emptyAdvisorCounts(), walkIns: emptyWalkInCounts(),
    };
    return summaries[districtId];
  };
  const pipeline = new AppendPipeline(options.store, (written) => {
    events += written;
  }, { inFlight: options.inFlight, batchEvents: options.batchEvents });
  // Queued, not awaited: the next phase is generated while this one is written.
  const flush = (builders: readonly (PendingStream & { readonly types: readonly string[] })[], then?: () => void) => {
    let weight = 0;
    for (const b of builders) {
      count(b.types);
      weight += b.types.length;
    }
    generatedEvents += weight;
    pipeline.enqueue(builders, weight, then);
  };
  // About two districts' events waiting at most (1x: ~34,000 each).
  const maxQueued = 80_000;

  // Every district that assigns lawyers (the generated ones and the partner 市域通办 transfers go to)
  // keeps its registry from before the year; written first, since assignments name its lawyers.
  const receiving = new Set(generated.flatMap((d, i) => [d, plan[(i + 1) % plan.length] ?? d]));
  const registries = new Map([...receiving].map((d) => [d.id, lawyerRegistry({ seed, random: new Random(`${seed}:lawyers:${d.id}`), district: d, ordinal: plan.indexOf(d) + 1, year, lawyers: Math.max(5, Math.round(LAWYERS_PER_DISTRICT * Math.min(1, factor))) })]));
  flush([...registries.values()]);
  const registryOf = (districtId: string) => {
    const registry = registries.get(districtId);
    if (!registry) throw new Error(`no lawyer registry generated for ${districtId}`);
    return registry.state;
  };

  for (const [i, district] of generated.entries()) {
    const random = root.fork(district.id);
    const partner: DistrictPlan = plan[(i + 1) % plan.length] ?? district;
    const summary = summaryOf(district.id);
    (summary as { villages: number }).villages = district.townships.reduce((s, t) => s + t.villages.length, 0);
    const legalAid = legalAidYear({
      seed, random: random.fork('legal-aid'), days, year, district, partner, applications: n(SEED_DISTRICT_YEAR.legalAidApplications),
      rules, offices, registryOf, countsOf: (id) => summaryOf(id).legalAid,
    });
    // The numbers first: each application's stream is written from its allocation.
    flush([legalAid.numbering]);
    flush(legalAid.files);
    await pipeline.room(maxQueued);
    flush(notifiedYear({ seed, random: random.fork('notified'), days, year, district, cases: n(SEED_DISTRICT_YEAR.notifiedCases), rules, offices, registryOf, countsOf: (id) => summaryOf(id).legalAid }));
    flush(hotlineYear({ seed, random: random.fork('hotline'), days, year, district, orders: n(SEED_DISTRICT_YEAR.workOrders), calendar, counts: summary.hotline }));
    await pipeline.room(maxQueued);
    const advisors = advisorsYear({ seed, random: random.fork('advisors'), days, year, district, services: n(SEED_DISTRICT_YEAR.advisorServices), calendar, counts: summary.advisors });
    flush([advisors.register, ...advisors.appointments]);
    flush(advisors.ledgers);
    await pipeline.room(maxQueued);
    flush(walkInsYear({ seed, random: random.fork('walk-ins'), days, year, district, persons: n(SEED_DISTRICT_YEAR.walkInPersons), counts: summary.walkIns }), () => progress('district', district.id, i + 1));
    await pipeline.room(maxQueued);
  }
  await pipeline.drained();
  return {
    year, scale, seed, districtIds: generated.map((d) => d.id), organisationsRegistered: registration.registered,
    districts: summaries, eventsByType, events, alreadyPresent: generatedEvents - events, elapsedMs: performance.now() - started,
  };
}
