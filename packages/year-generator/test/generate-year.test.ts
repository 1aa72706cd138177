// A generated year on the test PostgreSQL: every event replays through its service's own evolve, the
// counts are the ones asked for (within the stated tolerance), the same seed writes the same events, and
// the services' projections, run over the store as the services run them, count what the summary says.
import { createHash } from 'node:crypto';
import { advisorLedgerEvents, advisorRegisterEvents, villageAppointmentEvents } from '@bureau/advisors/events';
import {
  advisorLimits, evolveAppointments, evolveLedger, evolveRegister, initialAppointmentsState, initialLedgerState, initialRegisterState,
  onSiteCheck, standingEntries, type LedgerMonthState,
} from '@bureau/advisors/domain';
import { ledgerMonthsProjection } from '@bureau/advisors/projections';
import { formatPosition, type EventStore, type RecordedEvent } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { evolve as evolveWorkOrder, initialState as initialWorkOrder } from '@bureau/hotline-service/domain';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { workOrdersProjectionOf } from '@bureau/hotline-service/projections';
import { evolve as evolveFile, evolveLawyerRegistry, initialLawyerRegistryState, initialState as initialFile } from '@bureau/legal-aid/domain';
import { lawyerRegistryEvents } from '@bureau/legal-aid/lawyer-registry-events';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { numberingEvents } from '@bureau/legal-aid/numbering-events';
import { filesProjectionOf } from '@bureau/legal-aid/projections';
import { evolveWalkIn, initialWalkInState, walkInEvents } from '@bureau/legal-aid/walk-ins';
import { walkInsProjection } from '@bureau/legal-aid/walk-ins-read-model';
import { organisationEvents, registryDecider } from '@bureau/organisations';
import { createProjectionEngine } from '@bureau/projections';
import { eventually, freshDatabase } from '@bureau/testing';
import { sql } from 'kysely';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import t from 'tap';
import { generateYear, SEED_DISTRICT_YEAR, type YearSummary } from '../src/index.js';

const officialCalendar = createOfficialWorkingCalendar();
const SCALE = 0.05;

async function storeOn(tap: Parameters<typeof freshDatabase>[0], name: string) {
  const url = await freshDatabase(tap, name);
  const store = await createPostgresEventStore({ connectionString: url });
  tap.teardown(() => store.close());
  return store;
}

/**
 * Every event, once all are readable: readers see only what is older than every transaction still running
 * in the cluster (the store's global order), and other test files write beside this one.
 */
async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  await eventually(async () => {
    const [head, last] = [await store.headPosition(), await store.lastCommittedPosition()];
    return head && last && formatPosition(head) === formatPosition(last);
  }, 20_000, 'every committed event to be readable');
  const events: RecordedEvent[] = [];
  for await (const e of store.readAll()) events.push(e);
  return events;
}

/** Every stream folded through its own service's evolve (fromRecorded checks each event's schema on the way). */
function replay(events: readonly RecordedEvent[]) {
  const workOrders = workOrderEventsFor({ centreOf: () => 'huadu-plsc' });
  const states = new Map<string, unknown>();
  const fold = <S, E>(e: RecordedEvent, initial: () => S, read: (r: RecordedEvent) => E, evolve: (s: S, e: E) => S) => {
    const before = (states.has(e.streamName) ? states.get(e.streamName) : initial()) as S;
    states.set(e.streamName, evolve(before, read(e)));
  };
  const byType: Record<string, number> = {};
  for (const e of events) {
    byType[e.type] = (byType[e.type] ?? 0) + 1;
    const category = e.streamName.slice(0, e.streamName.indexOf('-'));
    switch (category) {
      case 'legalAidCase': fold(e, initialFile, (r) => legalAidEvents.fromRecorded(r), evolveFile); break;
      case 'legalAidNumbering': numberingEvents.fromRecorded(e); break;
      case 'legalAidLawyers': fold(e, initialLawyerRegistryState, (r) => lawyerRegistryEvents.fromRecorded(r), evolveLawyerRegistry); break;
      case 'hotlineWorkOrder': fold(e, initialWorkOrder, (r) => workOrders.fromRecorded(r), evolveWorkOrder); break;
      case 'advisorRegister': fold(e, initialRegisterState, (r) => advisorRegisterEvents.fromRecorded(r), evolveRegister); break;
      case 'advisorAppointments': fold(e, initialAppointmentsState, (r) => villageAppointmentEvents.fromRecorded(r), evolveAppointments); break;
      case 'advisorLedger': fold(e, initialLedgerState, (r) => advisorLedgerEvents.fromRecorded(r), evolveLedger); break;
      case 'walkInConsultation': fold(e, initialWalkInState, (r) => walkInEvents.fromRecorded(r), evolveWalkIn); break;
      case 'organisations': fold(e, registryDecider.initialState, (r) => organisationEvents.fromRecorded(r), registryDecider.evolve); break;
      default: throw new Error(`an event in a stream no service owns: ${e.streamName}`);
    }
  }
  return { states, byType };
}

const within = (found: number, wanted: number, tolerance: number) => Math.abs(found - wanted) <= wanted * tolerance;

t.test(`a ${SCALE}x year: replays through the services' evolve, counts as asked, the projections agree`, async (t) => {
  const store = await storeOn(t, 'year_generator');
  const progress: number[] = [];
  const summary: YearSummary = await generateYear({ store, scale: SCALE, seed: 'test-seed', year: 2025, onProgress: (p) => progress.push(p.events) });
  t.ok(progress.length >= 2, 'progress was reported');
  const events = await allEvents(store);
  t.equal(events.length, summary.events, 'the summary counts every event written');
  const { states, byType } = replay(events);
  t.strictSame(byType, summary.eventsByType, 'events by type, as the summary says');

  // As asked: the seed district's figures times the scale.
  const huadu = summary.districts.huadu;
  if (!huadu) throw new Error('no 花都 summary');
  const asked = (x: number) => Math.round(x * SCALE);
  t.equal(huadu.legalAid.applications, asked(SEED_DISTRICT_YEAR.legalAidApplications));
  t.equal(huadu.hotline.dispatched, asked(SEED_DISTRICT_YEAR.workOrders));
  t.equal(huadu.advisors.services, asked(SEED_DISTRICT_YEAR.advisorServices));
  t.equal(huadu.villages, asked(SEED_DISTRICT_YEAR.villages));
  t.ok(within(huadu.walkIns.persons, asked(SEED_DISTRICT_YEAR.walkInPersons), 0.2), `walk-in persons ${huadu.walkIns.persons} near ${asked(SEED_DISTRICT_YEAR.walkInPersons)}`);
  t.ok(huadu.walkIns.persons > huadu.walkIns.visits, 'some visits bring more than one person');
  const greenShare = huadu.legalAid.greenChannel / huadu.legalAid.applications;
  t.ok(greenShare >= 0.2 && greenShare <= 0.5, `green channel share ${greenShare.toFixed(2)}`);
  const decided = Object.values(summary.districts).reduce((n, d) => n + d.legalAid.approved, 0);
  t.ok(decided / huadu.legalAid.applications > 0.75, 'most applications approved');
  t.equal(huadu.hotline.repliedOnTime + huadu.hotline.replyOverdue, huadu.hotline.replied);

  // Independently from the replayed states.
  const files = [...states.entries()].filter(([s]) => s.startsWith('legalAidCase-')).map(([, s]) => s as { status: string; receivingOrganisationId: string; greenChannel?: string[] });
  t.equal(huadu.legalAid.notified, asked(SEED_DISTRICT_YEAR.notifiedCases), 'notified cases as asked');
  t.equal(files.length, huadu.legalAid.applications + huadu.legalAid.notified, 'one stream per application or notified case');
  t.equal(files.filter((f) => (f.greenChannel ?? []).length > 0).length, huadu.legalAid.greenChannel, 'green channel files');
  t.equal(files.filter((f) => f.status === 'aided' || f.status === 'closed').length, decided + huadu.legalAid.notifiedAssigned, 'approved files and notified cases have their lawyer (or are closed)');
  const walkInPersons = [...states.entries()].filter(([s]) => s.startsWith('walkInConsultation-'))
    .reduce((n, [, s]) => n + ((s as { status: string; visit: { persons: number } }).status === 'recorded' ? (s as { visit: { persons: number } }).visit.persons : 0), 0);
  t.equal(walkInPersons, huadu.walkIns.persons, '人次 from the replayed visits');
  const numbers = events.filter((e) => e.type === 'ApplicationNumberAllocated').map((e) => numberingEvents.fromRecorded(e).data);
  t.strictSame(numbers.map((n) => n.sequence), numbers.map((_, i) => i + 1), 'application numbers run 1, 2, 3… in the district\'s numbering stream');
  t.ok(numbers.every((n) => states.has(`legalAidCase-${n.applicationId}`)), 'every number has its application');

  // The services' projections, run over the store as the services run them.
  const projections = [filesProjectionOf('year-generator-test-hash-key-0123456789', () => officialCalendar), walkInsProjection, workOrdersProjectionOf(workOrderEventsFor({ centreOf: () => 'huadu-plsc' })), ledgerMonthsProjection];
  const engine = createProjectionEngine({ store, pool: store.pool, projections, standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 });
  t.teardown(() => engine.stop());
  await engine.start();
  const head = events.at(-1)?.position;
  if (!head) throw new Error('nothing written');
  for (const p of projections) t.equal(await engine.waitForPosition(p.name, head, 20_000), 'reached', `${p.name} caught up`);
  const one = async (query: string) => Number(Object.values((await sql.raw<Record<string, unknown>>(query).execute(engine.db)).rows[0] ?? {})[0]);
  t.equal(await one(`SELECT count(*) FROM legal_aid_files WHERE kind = 'application'`), huadu.legalAid.applications, 'files projection: applications');
  t.equal(await one(`SELECT count(*) FROM legal_aid_files WHERE kind = 'notified'`), huadu.legalAid.notified, 'files projection: notified cases');
  t.equal(await one(`SELECT count(*) FROM legal_aid_files WHERE approved_at IS NOT NULL`), decided, 'files projection: approved');
  t.equal(await one(`SELECT count(*) FROM legal_aid_files WHERE green_channel`), huadu.legalAid.greenChannel, 'files projection: green channel');
  t.equal(await one(`SELECT count(*) FROM legal_aid_files WHERE transferred_from IS NOT NULL`), huadu.legalAid.transferredOut, 'files projection: 市域通办 transfers');
  t.equal(await one(`SELECT count(*) FROM legal_aid_numbers WHERE completed`), huadu.legalAid.applications, 'every number completed');
  t.equal(await one(`SELECT coalesce(sum(persons), 0) FROM walk_in_consultations WHERE NOT voided`), huadu.walkIns.persons, 'walk-ins projection: 人次');
  t.equal(await one(`SELECT count(*) FROM hotline_work_orders`), huadu.hotline.dispatched, 'work orders projection: dispatched');
  t.equal(await one(`SELECT count(*) FROM hotline_work_orders WHERE replied_at IS NOT NULL`), huadu.hotline.replied, 'work orders projection: replied');
  t.equal(await one(`SELECT count(*) FROM hotline_work_orders WHERE returned_at IS NOT NULL`), huadu.hotline.returned, 'work orders projection: returned');
  const months = (await sql.raw<{ state: LedgerMonthState }>('SELECT state FROM advisors_ledger_months').execute(engine.db)).rows;
  t.equal(months.length, huadu.villages * 12, 'a ledger per village-month');
  t.equal(months.reduce((n, m) => n + standingEntries(m.state).length, 0), huadu.advisors.services, 'ledger projection: services in force');
  const minimum = advisorLimits().minimumOnSiteHoursPerMonth;
  t.equal(months.filter((m) => onSiteCheck(m.state, minimum).outcome === 'met').length, huadu.advisors.villageMonthsMet, 'ledger projection: village-months meeting 8 h');
  t.ok(huadu.advisors.villageMonthsMet / (huadu.villages * 12) > 0.85, 'most village-months meet the minimum');
});

t.test('deterministic by seed: the same seed writes the same events; another seed others', async (t) => {
  const digestOf = async (store: EventStore) => {
    const hash = createHash('sha256');
    const events = (await allEvents(store)).sort((a, b) => a.streamName.localeCompare(b.streamName) || Number(a.revision - b.revision));
    for (const e of events) hash.update(`${e.streamName}|${e.revision}|${e.id}|${e.type}|${JSON.stringify(e.data)}|${JSON.stringify({ ...e.metadata })}\n`);
    return hash.digest('hex');
  };
  const generated = async (seed: string) => {
    const store = await storeOn(t, 'year_generator_seed');
    const summary = await generateYear({ store, scale: 0.01, seed, year: 2025 });
    return { store, summary, digest: await digestOf(store) };
  };
  const first = await generated('alpha');
  t.equal((await generated('alpha')).digest, first.digest, 'the same seed: the same events, ids and metadata');
  const again = await generateYear({ store: first.store, scale: 0.01, seed: 'alpha', year: 2025 });
  t.equal(again.events, 0, 'written again into the same store: nothing new');
  t.equal(again.organisationsRegistered, 0, 'the organisations are registered already');
  t.equal(again.alreadyPresent, first.summary.events - first.summary.organisationsRegistered, 'every other event recognised as there already');
  t.equal(await digestOf(first.store), first.digest, 'the store unchanged');
  t.not((await generated('beta')).digest, first.digest, 'another seed: another year');
});

t.test('a year the official calendar does not hold (with the next) is refused before anything is written', async (t) => {
  const store = await storeOn(t, 'year_generator_refused');
  await t.rejects(generateYear({ store, scale: 0.01, year: 2026 }), /2027/);
  t.equal(await store.headPosition(), undefined, 'nothing written');
});
