// The office's decision (Art. 43): approval needs the economic status established (Art. 41) and not failed
// against the province's standard (Art. 34), unless the green channel waives it; a refusal is written,
// with reasons, and names the right to object (Art. 49). The review timer records an overdue review.
import t from 'tap';
import { legalAidRules } from '../../src/domain/index.js';
import { extended, given, historyOf } from './support/given.js';
import { calendar, iso, local, receivedAt, reviewDueAt, submit, zhangSan } from './support/fixtures.js';

const submitted = historyOf({ command: submit(), now: receivedAt });
const approve = { type: 'ApproveApplication', data: {} } as const;
const status = (s: import('../../src/domain/index.js').EconomicStatusInput) => ({ type: 'RecordEconomicStatus', data: { status: s } }) as const;
const verified = extended(submitted, { command: status({ kind: 'data_sharing', meetsStandard: true, source: '广州市民政局数据共享平台', reference: 'DS-2025-1103-01' }), now: local('2025-11-04 10:00') });

t.test('Art. 41: approval needs the economic status established', async (t) => {
  given(...submitted).when(approve, local('2025-11-05 10:00')).thenBroken(t, 'economic_status_required');
});

t.test('Art. 43: approved within 7 working days is on time, and the lawyer is due within 3 working days', async (t) => {
  given(...verified)
    .when(approve, local('2025-11-05 10:00'))
    .then(t, [
      {
        type: 'ApplicationApproved',
        data: {
          approvedAt: iso('2025-11-05 10:00'),
          reviewDueAt,
          onTime: true,
          // 6, 7, 10 November: the end of Monday 10 November.
          assignment: { unit: 'working_days', amount: 3, countedFrom: iso('2025-11-05 10:00'), dueAt: iso('2025-11-11 00:00'), calendarVersion: calendar.version, provisionalYears: [] },
        },
      },
    ]);
  given(...verified).when(approve, local('2025-11-13 09:00')).thenOne(t, 'ApplicationApproved', { onTime: false }, 'approved after the limit: late');
});

t.test('Art. 43: the review timer records an overdue review once, not early, not after a decision', async (t) => {
  const fire = { type: 'RecordReviewOverdue', data: { dueAt: new Date(reviewDueAt) } } as const;
  given(...verified).when(fire, local('2025-11-12 23:59')).thenBroken(t, 'deadline_not_reached');
  given(...verified).when(fire, local('2025-11-13 00:00')).then(t, [{ type: 'ReviewOverdue', data: { dueAt: reviewDueAt, recordedAt: iso('2025-11-13 00:00') } }]);
  const overdue = extended(verified, { command: fire, now: local('2025-11-13 00:00') });
  given(...overdue).when(fire, local('2025-11-13 00:01')).thenNothing(t, 'recorded once');
  const approved = extended(verified, { command: approve, now: local('2025-11-05 10:00') });
  given(...approved).when(fire, local('2025-11-13 00:00')).thenNothing(t, 'decided: nothing overdue');
  given(...verified).when({ type: 'RecordReviewOverdue', data: { dueAt: local('2025-11-12 00:00') } }, local('2025-11-13 00:00')).thenNothing(t, 'a stale due time');
});

t.test('Art. 34: data sharing that finds the hardship standard not met stops approval; refusal remains', async (t) => {
  const failed = extended(submitted, { command: status({ kind: 'data_sharing', meetsStandard: false, source: '数据共享平台', reference: null }), now: local('2025-11-04 10:00') });
  given(...failed).when(approve, local('2025-11-05 10:00')).thenBroken(t, 'hardship_standard_not_met');
});

t.test('Art. 43: a refusal must give written reasons and names the right to object to the justice bureau (Art. 49)', async (t) => {
  const refuse = (reasons: string) => ({ type: 'RefuseApplication', data: { reasons } }) as const;
  given(...submitted).when(refuse('  '), local('2025-11-05 10:00')).thenBroken(t, 'reasons_required');
  given(...submitted)
    .when(refuse('经核查，申请人家庭经济状况不符合经济困难标准'), local('2025-11-05 10:00'))
    .then(t, [
      {
        type: 'ApplicationRefused',
        data: {
          reasons: '经核查，申请人家庭经济状况不符合经济困难标准',
          refusedAt: iso('2025-11-05 10:00'),
          reviewDueAt,
          onTime: true,
          rightToObject: { article: 'Art. 49', decidedBy: 'justice_bureau', filingDeadline: null },
        },
      },
    ]);
  // A district that sets a filing deadline of 5 working days: 6, 7, 10, 11, 12 November.
  const withDeadline = legalAidRules(calendar, { objectionFiling: { unit: 'working_days', amount: 5 } });
  given(...submitted)
    .when(refuse('不符合条件'), local('2025-11-05 10:00'), undefined, withDeadline)
    .thenOne(t, 'ApplicationRefused', { rightToObject: { filingDeadline: { dueAt: iso('2025-11-13 00:00') } } });
});

t.test('Art. 41: the personal pledge (告知承诺) establishes the status; a pledge dated in the future is refused', async (t) => {
  const pledged = extended(submitted, { command: status({ kind: 'personal_pledge', pledgeSignedAt: local('2025-11-03 10:05') }), now: local('2025-11-03 10:10') });
  given(...pledged).when(approve, local('2025-11-04 10:00')).thenOne(t, 'ApplicationApproved', { onTime: true });
  given(...submitted).when(status({ kind: 'personal_pledge', pledgeSignedAt: local('2025-11-04 10:05') }), local('2025-11-03 10:10')).thenBroken(t, 'invalid_time');
});

t.test('Art. 42: exemption from verification names its ground, which must fit the recipient, and its proof', async (t) => {
  const migrant = historyOf({ command: submit({ applicant: { ...zhangSan, groups: ['migrant_worker'] } }), now: receivedAt });
  given(...migrant)
    .when(status({ kind: 'art42_exempt', ground: 'migrant_worker_wages_or_work_injury', proof: ' ' }), local('2025-11-04 10:00'))
    .thenBroken(t, 'art42_proof_required');
  given(...submitted)
    .when(status({ kind: 'art42_exempt', ground: 'migrant_worker_wages_or_work_injury', proof: '务工证明' }), local('2025-11-04 10:00'))
    .thenBroken(t, 'art42_not_applicable', 'the recipient is not recorded as a migrant worker');
  given(...submitted)
    .when(status({ kind: 'art42_exempt', ground: 'minor_elderly_or_disabled_without_fixed_income', proof: '残疾证' }), local('2025-11-04 10:00'))
    .thenBroken(t, 'art42_not_applicable');
  const exempt = extended(migrant, {
    command: status({ kind: 'art42_exempt', ground: 'migrant_worker_wages_or_work_injury', proof: '用工单位出具的务工证明' }),
    now: local('2025-11-04 10:00'),
  });
  t.match(exempt.at(-1)?.data, { status: { kind: 'art42_exempt', ground: 'migrant_worker_wages_or_work_injury', proof: '用工单位出具的务工证明' } });
  given(...exempt).when(approve, local('2025-11-05 10:00')).thenOne(t, 'ApplicationApproved', {});
});

t.test('Art. 32: no economic condition where the ground fits the recipient or the matter', async (t) => {
  const art32 = (ground: import('../../src/domain/index.js').Art32Ground) => status({ kind: 'art32_not_required', ground });
  given(...submitted).when(art32('good_samaritan'), local('2025-11-04 10:00')).thenBroken(t, 'art32_not_applicable');
  given(...submitted).when(art32('state_compensation_after_retrial_acquittal'), local('2025-11-04 10:00')).thenBroken(t, 'art32_not_applicable');
  const samaritan = historyOf({ command: submit({ applicant: { ...zhangSan, groups: ['good_samaritan'] } }), now: receivedAt });
  given(...samaritan).when(art32('good_samaritan'), local('2025-11-04 10:00')).thenOne(t, 'EconomicStatusRecorded', { status: { kind: 'art32_not_required', ground: 'good_samaritan' } });
  const compensation = historyOf({ command: submit({ matterType: 'state_compensation' }), now: receivedAt });
  given(...compensation).when(art32('state_compensation_after_retrial_acquittal'), local('2025-11-04 10:00')).thenOne(t, 'EconomicStatusRecorded', {});
});

t.test('绿色通道: the hardship check is waived by default, or a pledge is required where the district says so', async (t) => {
  const elderly = { ...zhangSan, document: { type: 'resident_id' as const, number: '11010519491231002X' }, groups: ['elderly' as const] };
  const green = historyOf({ command: submit({ applicant: elderly }), now: receivedAt });
  // Same-day assignment: 0 working days from Monday 3 November is the end of that day.
  given(...green).when(approve, local('2025-11-03 15:00')).thenOne(t, 'ApplicationApproved', { onTime: true, assignment: { amount: 0, dueAt: iso('2025-11-04 00:00') } });
  const pledgeRules = legalAidRules(calendar, { greenChannelHardship: 'pledge' });
  given(...green).when(approve, local('2025-11-03 15:00'), undefined, pledgeRules).thenBroken(t, 'economic_status_required');
});
