// The district's register of advisors (法律顾问名册): lawyer, firm, licence number, phone; each change an event.
import t from 'tap';
import type { RegisterCommand, RegisterEvent } from '../../src/domain/index.js';
import { districtId, iso, local } from './support/fixtures.js';
import { givenRegister } from './support/given.js';

const context = { now: local('2026-01-05 10:00'), districtId };
const details = { name: '陈明', firm: '广东某某律师事务所', licenceNumber: '14401201810123456', phone: '13900000001' };
const register = (over: Partial<typeof details> = {}, advisorId = 'advisor-chen'): RegisterCommand => ({
  type: 'RegisterAdvisor',
  data: { advisorId, ...details, ...over },
});
const registered: RegisterEvent = {
  type: 'AdvisorRegistered',
  data: { districtId, advisorId: 'advisor-chen', ...details, registeredAt: iso('2026-01-05 10:00') },
};

t.test('given an empty register, when an advisor is registered, then AdvisorRegistered with the district', async (t) => {
  givenRegister().when(register(), context).then(t, [registered]);
  t.equal(givenRegister(registered).state.status, 'kept');
});

t.test('the same registration again is already done; with other details it is refused', async (t) => {
  givenRegister(registered).when(register(), context).thenNothing(t);
  givenRegister(registered).when(register({ firm: '另一律所' }), context).thenBroken(t, 'advisor_already_registered');
});

t.test('a licence number is 17 digits and unique in the register', async (t) => {
  givenRegister().when(register({ licenceNumber: '1440120181012345' }), context).thenBroken(t, 'invalid_licence_number');
  givenRegister(registered).when(register({}, 'advisor-lin'), context).thenBroken(t, 'licence_number_taken');
});

t.test('an advisor id, name, firm and a real phone number are required; phones are stored without dashes', async (t) => {
  givenRegister().when(register({}, ' '), context).thenBroken(t, 'advisor_id_required');
  givenRegister().when(register({ name: ' ' }), context).thenBroken(t, 'name_required');
  givenRegister().when(register({ firm: '' }), context).thenBroken(t, 'firm_required');
  givenRegister().when(register({ phone: '12345' }), context).thenBroken(t, 'invalid_phone');
  const [event] = givenRegister().when(register({ phone: '020-8888 6666' }), context).events();
  t.equal(event?.type === 'AdvisorRegistered' && event.data.phone, '02088886666');
});

t.test('details change as an event; an unchanged change is refused', async (t) => {
  const change: RegisterCommand = { type: 'ChangeAdvisorDetails', data: { advisorId: 'advisor-chen', ...details, phone: '13900000002' } };
  givenRegister(registered).when(change, context).then(t, [
    { type: 'AdvisorDetailsChanged', data: { advisorId: 'advisor-chen', ...details, phone: '13900000002', changedAt: iso('2026-01-05 10:00') } },
  ]);
  givenRegister(registered)
    .when({ type: 'ChangeAdvisorDetails', data: { advisorId: 'advisor-chen', ...details } }, context)
    .thenBroken(t, 'details_unchanged');
  givenRegister(registered)
    .when({ type: 'ChangeAdvisorDetails', data: { advisorId: 'advisor-x', ...details } }, context)
    .thenBroken(t, 'advisor_not_registered');
});

t.test('a removed advisor stays on the register as removed and cannot be changed', async (t) => {
  const remove: RegisterCommand = { type: 'RemoveAdvisor', data: { advisorId: 'advisor-chen', reason: '合同期满' } };
  const removed: RegisterEvent = { type: 'AdvisorRemoved', data: { advisorId: 'advisor-chen', reason: '合同期满', removedAt: iso('2026-01-05 10:00') } };
  givenRegister(registered).when(remove, context).then(t, [removed]);
  givenRegister(registered, removed).when(remove, context).thenNothing(t);
  givenRegister(registered).when({ type: 'RemoveAdvisor', data: { advisorId: 'advisor-chen', reason: '' } }, context).thenBroken(t, 'reason_required');
  givenRegister(registered, removed)
    .when({ type: 'ChangeAdvisorDetails', data: { advisorId: 'advisor-chen', ...details, phone: '13900000002' } }, context)
    .thenBroken(t, 'advisor_removed');
  const state = givenRegister(registered, removed).state;
  t.equal(state.status === 'kept' && state.advisors[0]?.status, 'removed');
});

t.test('a register belongs to one district', async (t) => {
  givenRegister(registered).when(register({}, 'advisor-lin'), { ...context, districtId: 'district-other' }).thenBroken(t, 'wrong_district');
});
