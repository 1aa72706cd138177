// Carrying the tallies forward by the changes since the last count (src/report/count.ts, addChanges):
// the changes are read per organisation and added only to the units they touch; an untouched unit keeps
// the tally (and the figures) it was carried with, shared, not copied. Whatever the changes, the city's
// report carried forward must equal the same report counted whole: one district's fact, two districts'
// at once, the first fact of a unit that had none (市本级), a correction taking a fact away, a fact in a
// closed period (the closed row as closed, its restatement carried), a fact in the previous period, and
// changes that cancel out or fall outside every period asked.
import t from 'tap';
import { buildReport } from '../src/report/build-report.js';
import { countedOf, judgedMonthsOf, talliesNow } from '../src/report/count.js';
import { monthEnd } from '../src/report/report-for.js';
import { parsePeriod } from '../src/periods/period.js';
import { cityUnits } from '../src/routes/units.js';
import { reportsFixture } from './support/app.js';
import { approve, dispatch, legalAidHistory, ledgerHistory, local, notification, pledge, submit, villages, walkIn, walkInVoided, workOrderHistory } from './support/histories.js';

const NOW = new Date('2026-04-10T02:00:00Z');
const PERIODS = ['2026', '2026-Q1', '2026-03'];

/** A notice from an authority that sits at city level: the city office's case (市本级). */
const cityLevelNotice = (caseId: string, at: Date): ReturnType<typeof notification> => {
  const step = notification(caseId, at, 'gz-legal-aid');
  if (step.command.type !== 'ReceiveNotification') return step;
  const data = step.command.data;
  return { ...step, command: { ...step.command, data: { ...data, notifyingAuthority: { ...data.notifyingAuthority, name: '广州市中级人民法院', sits: { cityLevel: true } } } } };
};

t.test("the city's report carried forward by what changed equals the report counted whole", async (t) => {
  const f = await reportsFixture(t, NOW);
  const db = f.app.reportsReadModels.db;
  const unitsNow = () => {
    const { districts, own } = cityUnits(f.app.organisations.current(), 'gz');
    return [...districts, own];
  };
  /** The report with nothing kept or carried: every figure counted from the facts themselves. */
  const wholeCount = async (periodId: string) => JSON.parse(JSON.stringify(await buildReport({
    db, store: f.app.eventStore, scope: { id: 'gz', name: f.app.organisations.current().organisations.get('gz')!.name }, units: unitsNow(), withTotal: true,
    period: parsePeriod(periodId)!, now: NOW, monthEnds: monthEnd, ensureApplied: async () => {},
  })));
  /** The service's answer (carried forward from its last count of the same inputs) against a whole count. */
  const sameAsWhole = async (what: string) => {
    for (const period of PERIODS) {
      const res = await f.get(`/reports/gz/${period}`, f.tokens.cityAuditor);
      t.equal(res.statusCode, 200, res.body);
      const carried = res.json();
      const whole = await wholeCount(period);
      t.same(carried.districts.map(({ links: _links, ...row }: { links: unknown }) => row), whole.districts, `${what}: ${period}, every row as counted whole`);
      t.same(carried.total, whole.total, `${what}: ${period}, the total as counted whole`);
    }
  };
  const huaduWalkIns = async (period = '2026') => (await f.get(`/reports/gz/${period}`, f.tokens.cityAuditor)).json().districts.find((d: { districtId: string }) => d.districtId === 'huadu').figures.walk_in_persons.value as number;

  await f.appendWalkIn('w0', [walkIn('w0', 'huadu-plsc', 'huadu', local('2025-12-03 09:00'), 4)]);
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  await f.appendWalkIn('w2', [walkIn('w2', 'baiyun-plsc', 'baiyun', local('2026-03-04 09:00'), 3, 'consumer')]);
  await f.appendLedger(villages.jingtai.villageId, '2026-03', ledgerHistory(villages.jingtai, '2026-03', [{ entryId: 'e1', date: '2026-03-02', minutes: 300 }], local('2026-03-20 10:00')));
  await f.appendLegalAid('app-1', legalAidHistory([{ command: submit('app-1'), now: local('2026-03-02 10:00') }, pledge(local('2026-03-02 10:10')), approve(local('2026-03-04 10:00'))]));
  await sameAsWhole('first counted whole');

  await f.appendWalkIn('w3', [walkIn('w3', 'huadu-plsc', 'huadu', local('2026-03-05 09:00'), 1)]);
  t.equal(await huaduWalkIns(), 3, "one district's walk-in: carried forward");
  await sameAsWhole("one district's fact");

  await f.appendWalkIn('w4', [walkIn('w4', 'huadu-plsc', 'huadu', local('2026-02-05 09:00'), 5, 'criminal', 'referred_to_legal_aid')]);
  await f.appendWalkIn('w5', [walkIn('w5', 'baiyun-plsc', 'baiyun', local('2026-01-07 09:00'), 1)]);
  const order = crypto.randomUUID();
  await f.appendWorkOrder(order, workOrderHistory([dispatch(order, local('2026-03-09 10:00'))]));
  await sameAsWhole("two districts' facts at once");

  await f.appendLegalAid('city-1', legalAidHistory([cityLevelNotice('city-1', local('2026-03-05 09:00'))]));
  await sameAsWhole('the first fact of 市本级');

  await f.appendLegalAid('app-2', legalAidHistory([{ command: submit('app-2'), now: local('2026-01-12 10:00') }, pledge(local('2026-01-12 10:10')), approve(local('2026-01-20 10:00'))]));
  await sameAsWhole('a decision (the median moves)');

  await f.appendWalkIn('w1', [walkInVoided('w1')]);
  await sameAsWhole('a walk-in voided: taken away');

  await f.appendWalkIn('w6', [walkIn('w6', 'huadu-plsc', 'huadu', local('2026-06-01 09:00'), 7)]);
  await f.appendWalkIn('w6', [walkInVoided('w6')]);
  await sameAsWhole('a walk-in recorded and voided since (cancels out), and one outside the quarter and month');

  t.equal((await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 200, "花都's March closed");
  await sameAsWhole('after the close');
  await f.appendWalkIn('w7', [walkIn('w7', 'huadu-plsc', 'huadu', local('2026-03-20 09:00'), 2)]);
  await f.appendWalkIn('w8', [walkIn('w8', 'baiyun-plsc', 'baiyun', local('2026-03-21 09:00'), 1)]);
  const march = (await f.get('/reports/gz/2026-03', f.tokens.cityAuditor)).json().districts.find((d: { districtId: string }) => d.districtId === 'huadu');
  t.match(march.restatements, [{ figure: 'walk_in_persons', now: march.figures.walk_in_persons.value + 2 }], 'the closed row as closed, the fact since its restatement');
  await sameAsWhole('a fact in a closed period, and one in a district still open');

  await f.appendWalkIn('w9', [walkIn('w9', 'huadu-plsc', 'huadu', local('2025-11-03 09:00'), 6)]);
  await sameAsWhole('a fact in the previous year');
});

t.test('a carried count copies only the units the changes touch', async (t) => {
  const f = await reportsFixture(t, NOW);
  const db = f.app.reportsReadModels.db;
  const { districts, own } = cityUnits(f.app.organisations.current(), 'gz');
  const units = [...districts, own];
  const period = parsePeriod('2026')!;
  const judged = judgedMonthsOf(period, monthEnd, NOW);
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  await f.appendWalkIn('w2', [walkIn('w2', 'baiyun-plsc', 'baiyun', local('2026-03-04 09:00'), 3)]);
  const first = await talliesNow(db, units, period, judged, null, null);

  await f.appendWalkIn('w3', [walkIn('w3', 'huadu-plsc', 'huadu', local('2026-03-05 09:00'), 1)]);
  const next = await talliesNow(db, units, period, judged, first, null);
  t.not(next.tallies.get('huadu'), first.tallies.get('huadu'), 'the district the walk-in touched: a tally of its own');
  t.equal(next.tallies.get('baiyun'), first.tallies.get('baiyun'), 'a district it did not touch: the same tally, shared');
  t.equal(countedOf(first.tallies, units, period, judged).get('huadu')!.figures.walk_in_persons, 2, 'the tally carried from is as it was');
  const [before, after] = [countedOf(first.tallies, units, period, judged), countedOf(next.tallies, units, period, judged)];
  t.equal(after.get('huadu')!.figures.walk_in_persons, 3, 'the walk-in added to its district');
  t.equal(after.get('baiyun'), before.get('baiyun'), "the untouched district's figures: worked out once");

  await f.appendWalkIn('w4', [walkIn('w4', 'huadu-plsc', 'huadu', local('2025-03-05 09:00'), 1)]);
  const outside = await talliesNow(db, units, period, judged, next, null);
  t.ok(units.every((u) => outside.tallies.get(u.id) === next.tallies.get(u.id)), 'a fact of another year: every tally shared');
  t.notSame(outside.position, next.position, '… at the new position');
});
