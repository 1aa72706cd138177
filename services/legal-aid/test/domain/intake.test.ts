// 受理: the review clock from receipt (Art. 43), applicant and recipient (Art. 40), the channels, the
// green channel, the duplicate warning, and a district's own limits.
import t from 'tap';
import { legalAidRules } from '../../src/domain/index.js';
import { given, station } from './support/given.js';
import { calendar, huaduOffice, iso, local, receivedAt, reviewDueAt, submit, xinhuaStation, zhangSan } from './support/fixtures.js';

t.test('Art. 43: the review must end within 7 working days of receipt', async (t) => {
  given()
    .when(submit(), receivedAt)
    .thenOne(t, 'ApplicationSubmitted', {
      receivedAt: receivedAt.toISOString(),
      review: { unit: 'working_days', amount: 7, countedFrom: receivedAt.toISOString(), dueAt: reviewDueAt, calendarVersion: calendar.version, provisionalYears: [] },
      competence: { competentOfficeId: huaduOffice, candidateOfficeIds: [huaduOffice], basis: 'single_competent_office' },
      holderOfficeId: huaduOffice,
      greenChannel: [],
      possibleDuplicateOf: [],
    });
});

t.test('市域通办: a station takes the application for its office; the number is the one given at receipt', async (t) => {
  given()
    .when(submit(), receivedAt, station(xinhuaStation))
    .thenOne(t, 'ApplicationSubmitted', { receivingOrganisationId: xinhuaStation, holderOfficeId: huaduOffice, applicationNumber: '花法援申〔2025〕00123号' });
  given().when(submit(), receivedAt, { id: 'org-huadu', kind: 'district' }).thenBroken(t, 'not_a_receiving_organisation');
});

t.test('Art. 40: a legal representative applies for a recipient without full capacity', async (t) => {
  const child = { ...zhangSan, name: '张小明', document: { type: 'resident_id' as const, number: '44010620100101345X' }, groups: ['minor' as const] };
  const events = given().when(submit({ recipient: child, applicantRelation: 'legal_representative' }), receivedAt).run();
  t.match(events[0]?.data, { applicant: { name: '张三' }, recipient: { name: '张小明' }, applicantRelation: 'legal_representative' });
  // Without a separate recipient the applicant is the recipient, whatever relation was sent.
  const self = given().when(submit({ applicantRelation: 'close_relative' }), receivedAt).run();
  t.match(self[0]?.data, { recipient: { name: '张三' }, applicantRelation: 'self' });
});

t.test('channels: a 12345 referral keeps the work order id, an advisor referral the ledger entry id', async (t) => {
  given()
    .when(submit({ channel: { kind: 'hotline_referral', workOrderId: 'wo-0042' } }), receivedAt)
    .thenOne(t, 'ApplicationSubmitted', { channel: { kind: 'hotline_referral', workOrderId: 'wo-0042' }, custody: null });
  given()
    .when(submit({ channel: { kind: 'advisor_referral', ledgerEntryId: 'ledger-7788' } }), receivedAt)
    .thenOne(t, 'ApplicationSubmitted', { channel: { kind: 'advisor_referral', ledgerEntryId: 'ledger-7788' } });
  given().when(submit({ channel: { kind: 'hotline_referral', workOrderId: ' ' } }), receivedAt).thenBroken(t, 'text_required');
});

t.test('绿色通道: an elderly recipient gets same-day review (CONFIGURABLE, default 0 working days)', async (t) => {
  const elderly = { ...zhangSan, document: { type: 'resident_id' as const, number: '11010519491231002X' }, groups: ['elderly' as const] };
  given()
    .when(submit({ applicant: elderly }), receivedAt)
    .thenOne(t, 'ApplicationSubmitted', { greenChannel: ['elderly'], review: { amount: 0, dueAt: iso('2025-11-04 00:00') } });
  // A migrant worker counts for wage claims only.
  const migrant = { ...zhangSan, groups: ['migrant_worker' as const] };
  given().when(submit({ applicant: migrant }), receivedAt).thenOne(t, 'ApplicationSubmitted', { greenChannel: ['migrant_worker_wages'] });
  given().when(submit({ applicant: migrant, matterType: 'support_payment' }), receivedAt).thenOne(t, 'ApplicationSubmitted', { greenChannel: [] });
  // A district that gives the green channel 2 working days.
  const twoDays = legalAidRules(calendar, { greenChannelReview: { unit: 'working_days', amount: 2 } });
  given().when(submit({ applicant: elderly }), receivedAt, undefined, twoDays).thenOne(t, 'ApplicationSubmitted', { review: { dueAt: iso('2025-11-06 00:00') } });
});

t.test('duplicate check: the same person with an open application for the same matter against the same party is a warning', async (t) => {
  const open = [
    { applicationId: 'app-old-1', recipient: zhangSan, matterType: 'employment_or_wages' as const, opposingParty: '某建筑劳务有限公司' },
    { applicationId: 'app-old-2', recipient: zhangSan, matterType: 'support_payment' as const, opposingParty: '某建筑劳务有限公司' },
  ];
  given().when(submit({ openApplications: open }), receivedAt).thenOne(t, 'ApplicationSubmitted', { possibleDuplicateOf: ['app-old-1'] });
});

t.test('Art. 43, CONFIGURABLE day type: a district counting the review in calendar days', async (t) => {
  const calendarDays = legalAidRules(calendar, { review: { unit: 'calendar_days', amount: 7 } });
  // 7 calendar days after Monday 3 November: the end of Monday 10 November.
  given().when(submit(), receivedAt, undefined, calendarDays).thenOne(t, 'ApplicationSubmitted', { review: { unit: 'calendar_days', dueAt: iso('2025-11-11 00:00') } });
});

t.test('a limit reaching into a year with no calendar loaded is recorded as provisional', async (t) => {
  // Received Tuesday 30 December 2025: the 7 working days reach into 2026, which is loaded, so official.
  given().when(submit(), local('2025-12-30 10:00')).thenOne(t, 'ApplicationSubmitted', { review: { provisionalYears: [] } });
  // Received Tuesday 29 December 2026: 2027 is not loaded; its days count by weekday alone.
  given()
    .when(submit(), local('2026-12-29 10:00'))
    .thenOne(t, 'ApplicationSubmitted', { review: { provisionalYears: [2027], dueAt: iso('2027-01-08 00:00') } });
});

t.test('an application is taken once: a second submission on the same stream is refused', async (t) => {
  const first = given().when(submit(), receivedAt).run();
  given(...first).when(submit(), receivedAt).thenBroken(t, 'already_exists');
});
