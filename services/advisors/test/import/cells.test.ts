// Real-world cells: dates in four shapes and as Excel serials, durations in hours or minutes, Chinese
// type names with common variants, modes.
import t from 'tap';
import { readClockTime, readDate, readDurationMinutes, readMode, readServiceType } from '../../src/import/index.js';
import { serviceTypeNames, serviceTypes } from '../../src/domain/index.js';

t.test('dates: 2026-03-05, 2026/3/5, 2026年3月5日 and Excel serials', async (t) => {
  for (const cell of ['2026-03-05', '2026/3/5', '2026-3-5', '2026.3.5', '2026年3月5日', '2026年03月05日', ' 2026/03/05 ']) {
    t.equal(readDate(cell), '2026-03-05', cell);
  }
  t.equal(readDate('45356'), '2024-03-05', 'Excel serial 45356 is 5 March 2024');
  t.equal(readDate('46086.75'), '2026-03-05', 'a serial with a time keeps its date');
  t.equal(readDate('25569'), '1970-01-01', 'Excel serial 25569 is 1 January 1970');
  t.equal(readDate('61'), undefined, 'a date in 1900 is no ledger\'s date');
  for (const cell of ['2026-02-30', '2026/13/1', '5/3/2026', '昨天', '60', '0', '', '2026年3月']) t.equal(readDate(cell), undefined, `not a date: "${cell}"`);
});

t.test('durations: 2, 1.5, 2小时, 90分钟, 1小时30分', async (t) => {
  const cases: [string, number][] = [['2', 120], ['1.5', 90], ['2小时', 120], ['0.5 小时', 30], ['90分钟', 90], ['45分', 45], ['1小时30分', 90], ['2h', 120], ['0.33', 20]];
  for (const [cell, minutes] of cases) t.equal(readDurationMinutes(cell), minutes, cell);
  for (const cell of ['两小时', '-1', '', '1.5天']) t.equal(readDurationMinutes(cell), undefined, `not a duration: "${cell}"`);
});

t.test('every type of the list by its Chinese name, and common variants', async (t) => {
  for (const type of serviceTypes) t.strictSame(readServiceType(serviceTypeNames[type]), { type, reviewSubject: null }, serviceTypeNames[type]);
  const variants: [string, string][] = [
    ['法律咨询', 'consultation'], ['出具法律意见', 'legal_opinion'], ['纠纷调解', 'mediation'], ['法律援助转介', 'legal_aid_referral'],
    ['普法', 'lecture'], ['法律体检', 'legal_health_check'], ['值班', 'on_site_duty'], [' 驻点 值班 ', 'on_site_duty'],
  ];
  for (const [cell, type] of variants) t.equal(readServiceType(cell)?.type, type, cell);
  const reviews: [string, string | null][] = [
    ['审查村规民约/合同/集体资产/重大决策', null], ['审查村规民约／合同／集体资产／重大决策', null], ['审查', null],
    ['审查村规民约', 'village_rules'], ['村规民约审查', 'village_rules'], ['合同审查', 'contract'], ['审核合同', 'contract'],
    ['集体资产审查', 'collective_assets'], ['审查重大决策', 'major_decision'], ['重大决策审查', 'major_decision'],
  ];
  for (const [cell, reviewSubject] of reviews) t.strictSame(readServiceType(cell), { type: 'review', reviewSubject }, cell);
  t.equal(readServiceType('喝茶'), undefined);
});

t.test('modes and start times', async (t) => {
  t.equal(readMode('驻点'), 'on_site');
  t.equal(readMode('现场'), 'on_site');
  t.equal(readMode('线上'), 'remote');
  t.equal(readMode('电话'), 'remote');
  t.equal(readMode('飞鸽'), undefined);
  t.equal(readClockTime('9:30'), '09:30');
  t.equal(readClockTime('09:30:00'), '09:30');
  t.equal(readClockTime('25:00'), undefined);
});
