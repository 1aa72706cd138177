// The data the benchmark (and, later, the demo) rests on: district-years of events, each decided by its
// owning service's own decider, as streams to append. `syntheticYear` makes a plain one here (uniform
// over the year, no seasonality) at a fraction or multiple of the seed district's scale; the benchmark
// takes any `YearSource`, so it can be pointed at `@bureau/year-generator` when that lands.
import type { EventToAppend } from '@bureau/event-store';
import { advisorLedgerStreamName } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import { workOrderStreamName } from '@bureau/hotline-service/domain';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { legalAidStreamName } from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import type { OrganisationRow } from '@bureau/organisations';
import {
  approve, assign, closeCase, dispatch, envelope, followUp, ledgerHistory, legalAidHistory, notification, pledge, refuse, reply, review, signFor, submit, walkIn, workOrderHistory,
} from '../test/support/histories.js';

export interface StreamToAppend {
  readonly streamName: string;
  readonly events: readonly EventToAppend[];
}

/** One district-year's worth of streams, and the organisations (villages) it needs registered first. */
export interface DistrictYear {
  readonly organisations: readonly OrganisationRow[];
  readonly streams: () => Iterable<StreamToAppend>;
}

/** What the benchmark asks for: `units` district-years of `year` spread over the districts. */
export type YearSource = (units: number, year: number) => DistrictYear[];

/** The demo city's districts, each with its centre, legal-aid office and the township its villages sit in. */
const districts = [
  { id: 'huadu', centre: 'huadu-plsc', office: 'huadu-legal-aid', township: 'huadu-xinhua', judicialOffice: 'huadu-xinhua-so' },
  { id: 'baiyun', centre: 'baiyun-plsc', office: 'baiyun-legal-aid', township: 'baiyun-jingtai', judicialOffice: 'baiyun-jingtai-so' },
] as const;

/** A small deterministic random source (mulberry32), so a run is repeatable. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const workOrders = workOrderEventsFor({ centreOf: () => 'huadu-plsc' });

/** The seed district's year (domain reference: ~2,400 legal-aid cases, 349 orders, 8,816 services over ~190 villages, ~2,300 person-visits), times `scale`. */
export function syntheticDistrictYear(unit: number, scale: number, year: number): DistrictYear {
  const d = districts[unit % districts.length]!;
  const villageCount = Math.max(1, Math.round(190 * scale));
  const villages = Array.from({ length: villageCount }, (_, i) => `${d.id}-u${unit}-v${i}`);
  const organisations: OrganisationRow[] = villages.map((id, i) => [id, 'village', `第${unit}组${i}村`, d.township]);
  const start = new Date(`${year}-01-01T00:00:00+08:00`).getTime();
  const weekdayAt = (rand: () => number, hour = 9) => {
    // Before December: deadlines counted into a year whose calendar is not loaded need the provisional path.
    let day = Math.floor(rand() * 330);
    const at = () => new Date(start + day * DAY + (hour + Math.floor(rand() * 7)) * HOUR - 8 * HOUR + 8 * HOUR);
    while ([0, 6].includes(new Date(start + day * DAY + 8 * HOUR).getUTCDay())) day = (day + 1) % 330;
    return at();
  };

  function* streams(): Iterable<StreamToAppend> {
    const rand = random(1000 + unit);
    let n = 0;
    const meta = (role: string, org: string) => ({ id: crypto.randomUUID(), envelope: envelope(n++, role, org) });
    for (let i = 0; i < Math.round(349 * scale); i += 1) {
      const id = `wo-u${unit}-${i}`;
      const at = weekdayAt(rand);
      const steps = [dispatch(id, at, d.centre, rand() < 0.5 ? 'consultation' : 'complaint'), signFor(new Date(at.getTime() + (rand() < 0.9 ? 0.5 : 30) * HOUR)), reply(new Date(at.getTime() + (1 + Math.floor(rand() * 4)) * DAY))];
      if (rand() < 0.8) steps.push(followUp(new Date(at.getTime() + 6 * DAY), rand() < 0.9 ? 'satisfied' : 'dissatisfied', rand() < 0.85));
      yield { streamName: workOrderStreamName(id), events: workOrderHistory(steps).map((e) => workOrders.toAppend(e, meta('platform', d.centre))) };
    }
    for (let i = 0; i < Math.round(2400 * scale); i += 1) {
      const id = `la-u${unit}-${i}`;
      const at = weekdayAt(rand);
      const later = (days: number) => new Date(at.getTime() + days * DAY);
      const by = { id: d.office, kind: 'legal_aid_office' as const };
      const history = rand() < 0.4
        ? legalAidHistory([notification(id, at, d.office), { ...assign(later(1)), by }])
        : legalAidHistory([
            { command: submit(id, { competenceFacts: { kind: 'litigation', caseAuthority: '人民法院', authoritySits: { districtId: d.id } } }), now: at, by },
            { ...pledge(at), by },
            ...(rand() < 0.9
              ? [{ ...approve(later(2)), by }, { ...assign(later(3)), by }, ...(rand() < 0.2 ? [{ ...closeCase(later(5)), by }, { ...review(later(6), rand() < 0.8 ? 'good' : 'pass'), by }] : [])]
              : [{ ...refuse(later(2)), by }]),
          ]);
      yield { streamName: legalAidStreamName(id), events: history.map((e) => legalAidEvents.toAppend(e, meta('legal_aid_clerk', d.office))) };
    }
    const perLedger = (8816 * scale) / (villageCount * 12);
    for (const villageId of villages) {
      const village = { villageId, judicialOfficeId: d.judicialOffice };
      for (let m = 1; m <= 12; m += 1) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const count = Math.max(1, Math.round(perLedger * (0.5 + rand())));
        const entries = Array.from({ length: count }, (_, k) => ({
          entryId: `e${k}`, date: `${month}-${String(1 + Math.floor(rand() * 27)).padStart(2, '0')}`, minutes: 60 + 30 * Math.floor(rand() * 6), startTime: `${String(8 + (k % 12)).padStart(2, '0')}:${String(5 * Math.floor(k / 12)).padStart(2, '0')}`,
          type: rand() < 0.6 ? ('on_site_duty' as const) : ('consultation' as const),
        }));
        const history = ledgerHistory(village, month, entries, new Date(`${month}-28T10:00:00+08:00`));
        yield { streamName: advisorLedgerStreamName(villageId, month), events: history.map((e) => advisorLedgerEvents.toAppend(e, meta('legal_advisor', villageId))) };
      }
    }
    for (let i = 0; i < Math.round((2300 * scale) / 1.5); i += 1) {
      const id = `wi-u${unit}-${i}`;
      yield { streamName: `walkInConsultation-${id}`, events: [walkIn(id, d.centre, d.id, weekdayAt(rand), 1 + Math.floor(rand() * 2))] };
    }
  }
  return { organisations, streams };
}

/** `units` district-years, each `scale` of the seed district, alternating over the demo city's districts. */
export const syntheticYear = (scale: number): YearSource => (units, year) => Array.from({ length: units }, (_, u) => syntheticDistrictYear(u, scale, year));
