// 月度统计 as counts: which figures a file counts in, what a change of the file adds and takes away, the
// median from counts per working day, and the partial-name search's key.
import t from 'tap';
import { figureChanges, figuresOf, medianOf, monthOf, type FigureRow } from '../../src/read-models/monthly-figures.js';
import { nameKeyOf, normalisedName } from '../../src/read-models/name-key.js';

const local = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const submitted: FigureRow = {
  kind: 'application', receiving_org: 'huadu-station-xinhua', receiving_office: 'huadu-legal-aid', competent_office: 'huadu-legal-aid',
  transferred_from: null, transferred_to: null, transferred_at: null, green_channel: true, custody_late: false,
  received_at: local('2026-03-31 23:30'), ever_overdue: false, overdue_log: [], decision_working_days: null,
  approved_at: null, refused_at: null, withdrawn_at: null, deemed_withdrawn_at: null, preliminary_aid_at: null, quality_grade: null, quality_reviewed_at: null,
};
const approved: FigureRow = { ...submitted, decision_working_days: 3, approved_at: local('2026-04-03 10:00') };

t.test('months are Beijing-time months', async (t) => {
  t.equal(monthOf(local('2026-03-31 23:59')), '2026-03');
  t.equal(monthOf(local('2026-04-01 00:00')), '2026-04', '16:00 UTC on the 31st is April in Beijing');
});

t.test('given a file received at a station, its figures: the office and the station count the receipt', async (t) => {
  const figures = figuresOf(submitted).map((f) => `${f.month} ${f.section} ${f.key} ${f.metric}`).sort();
  t.same(figures, [
    '2026-03 figure huadu-legal-aid greenChannel',
    '2026-03 figure huadu-legal-aid received',
    '2026-03 station_received huadu-station-xinhua ',
  ]);
});

t.test('when the file is approved, then the change adds the approval and the decision, and takes nothing', async (t) => {
  const changes = figureChanges([[submitted, approved]]);
  t.same(changes.map((c) => `${c.month} ${c.section} ${c.key} ${c.metric} ${c.days} ${c.n}`).sort(), [
    '2026-04 figure huadu-legal-aid approved -1 1',
    '2026-04 office_decided huadu-legal-aid  3 1',
    '2026-04 station_decided huadu-station-xinhua  3 1',
  ]);
  t.same(figureChanges([[approved, approved]]), [], 'an unchanged file changes no count');
  const refusedInstead: FigureRow = { ...approved, approved_at: null, refused_at: local('2026-05-06 10:00'), decision_working_days: 9 };
  t.same(figureChanges([[approved, refusedInstead]]).map((c) => `${c.month} ${c.section} ${c.metric} ${c.days} ${c.n}`).sort(), [
    '2026-04 figure approved -1 -1',
    '2026-04 office_decided  3 -1',
    '2026-04 station_decided  3 -1',
    '2026-05 figure refused -1 1',
    '2026-05 office_decided  9 1',
    '2026-05 station_decided  9 1',
  ], 'a corrected decision moves its counts');
});

t.test('each limit recorded overdue counts in the month it fell due, per limit', async (t) => {
  const overdue: FigureRow = { ...submitted, ever_overdue: true, overdue_log: [{ kind: 'review', at: local('2026-04-15 00:00').toISOString() }, { kind: 'assignment', at: local('2026-05-01 00:00').toISOString() }] };
  const byLimit = figuresOf(overdue).filter((f) => f.section.endsWith('_overdue')).map((f) => `${f.month} ${f.section} ${f.metric}`).sort();
  t.same(byLimit, ['2026-04 office_overdue review', '2026-04 station_overdue review', '2026-05 office_overdue assignment', '2026-05 station_overdue assignment']);
  t.ok(figuresOf(overdue).some((f) => f.metric === 'overdue' && f.month === '2026-03'), 'the file counts as overdue in the month of its receipt');
});

t.test('the median from counts per working day is percentile_cont(0.5)', async (t) => {
  t.equal(medianOf([{ days: 5, n: 1 }, { days: 2, n: 1 }]), 3.5, 'two: the mean of the middle two');
  t.equal(medianOf([{ days: 1, n: 2 }, { days: 4, n: 1 }]), 1, '1, 1, 4');
  t.equal(medianOf([{ days: 1, n: 1 }, { days: 4, n: 2 }, { days: 9, n: 1 }]), 4, '1, 4, 4, 9');
  t.equal(medianOf([{ days: 2, n: 0 }]), null, 'no decision: no median');
});

t.test('the name search compares names normalised, by their first two characters', async (t) => {
  t.equal(normalisedName(' 王 伟 '), '王伟');
  t.equal(normalisedName('ＬＩ Ｍｉｎｇ'), 'liming', 'full-width letters folded, spaces dropped, lower-cased');
  t.equal(nameKeyOf('王伟明'), '王伟');
  t.equal(nameKeyOf('𠀋伟'), '𠀋伟', 'a character beyond the BMP counts as one');
  t.equal(nameKeyOf('王'), null, 'a family name alone is too short');
});
