// The statistician's decider and the periods, without I/O: given / when / then.
import { DomainRuleError } from '@bureau/service-kit';
import t from 'tap';
import { decideReportPeriods, evolveReportPeriods, initialReportPeriods } from '../src/periods/decider.js';
import type { ReportPeriodsEvent } from '../src/periods/events.js';
import { parsePeriod, previousPeriod } from '../src/periods/period.js';

const fold = (events: ReportPeriodsEvent[]) => events.reduce(evolveReportPeriods, initialReportPeriods());
const now = new Date('2026-04-01T02:00:00Z');
const close = (period: string) => ({ type: 'ClosePeriod' as const, data: { districtId: 'huadu', period, note: null } });
const brokenRule = (run: () => unknown) => {
  try {
    run();
    return 'no rule broken';
  } catch (error) {
    return error instanceof DomainRuleError ? error.rule : String(error);
  }
};

t.test('periods: bounds in Beijing time, the one before, labels', async (t) => {
  const march = parsePeriod('2026-03')!;
  t.same([march.from.toISOString(), march.to.toISOString(), march.label], ['2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z', '2026年3月']);
  t.same(parsePeriod('2026-Q4')!.months, ['2026-10', '2026-11', '2026-12']);
  t.equal(parsePeriod('2026-Q1')!.label, '2026年第一季度');
  t.same(['2026', '2026-Q1', '2026-01', '2026-07'].map((p) => previousPeriod(parsePeriod(p)!).id), ['2025', '2025-Q4', '2025-12', '2026-06']);
  t.same(['2026-13', '2026-Q5', '26', '2026-3'].map(parsePeriod), [undefined, undefined, undefined, undefined]);
});

t.test('close: an ended period once; a running one never', async (t) => {
  t.same(decideReportPeriods(close('2026-03'), fold([]), { now }), [{ type: 'ReportPeriodClosed', data: { districtId: 'huadu', period: '2026-03', closedAt: now.toISOString(), note: null } }]);
  t.equal(brokenRule(() => decideReportPeriods(close('2026-04'), fold([]), { now })), 'period_not_ended');
  t.equal(brokenRule(() => decideReportPeriods(close('2026-Q2'), fold([]), { now })), 'period_not_ended');
  const closed = decideReportPeriods(close('2026-03'), fold([]), { now });
  t.equal(brokenRule(() => decideReportPeriods(close('2026-03'), fold(closed), { now })), 'period_already_closed');
  t.equal(decideReportPeriods(close('2026-Q1'), fold(closed), { now }).length, 1, 'the quarter is its own period');
});

t.test('rank: within the field', async (t) => {
  const rank = (r: number, of: number) => ({ type: 'RecordPeerReviewRank' as const, data: { districtId: 'huadu', year: 2025, rank: r, of, source: '通报' } });
  t.match(decideReportPeriods(rank(3, 11), fold([]), { now }), [{ type: 'PeerReviewRankRecorded', data: { rank: 3, of: 11, year: 2025 } }]);
  t.equal(brokenRule(() => decideReportPeriods(rank(12, 11), fold([]), { now })), 'rank_beyond_field');
});
