// The lawyer registry (法律援助律师名册), kept per district by an administrator: each change an event; a
// licence number is unique in the registry; a deactivated lawyer keeps their record. Art. 26's years are
// counted from the registry's practice start (see assignment.test.ts).
import t from 'tap';
import {
  decideLawyerRegistry,
  evolveLawyerRegistry,
  initialLawyerRegistryState,
  LegalAidRuleBroken,
  practiceYears,
  type LawyerRegistryCommand,
  type LawyerRegistryEvent,
  type LawyerRegistryState,
} from '../../src/domain/index.js';
import { local } from './support/fixtures.js';

const now = local('2026-03-02 10:00');
const context = { now, districtId: 'huadu' };
const details = { name: '陈律师', licenceNumber: '14401201510000001', firmId: 'firm-zhengyi', firmName: '广东正义律师事务所', relevantPracticeSince: '2020-06-01', specialties: ['labour'] };
const register = { type: 'RegisterLawyer', data: { lawyerId: 'lawyer-chen', ...details } } as const;

function given(...commands: LawyerRegistryCommand[]): LawyerRegistryState {
  let state = initialLawyerRegistryState();
  for (const command of commands) for (const e of decideLawyerRegistry(command, state, context)) state = evolveLawyerRegistry(state, e);
  return state;
}
function broken(t: { equal(found: unknown, wanted: unknown, message: string): unknown }, command: LawyerRegistryCommand, state: LawyerRegistryState, rule: string): void {
  try {
    decideLawyerRegistry(command, state, context);
    t.equal('no error', rule, `then rule ${rule} is broken`);
  } catch (error) {
    t.equal(error instanceof LegalAidRuleBroken ? error.rule : String(error), rule, `then rule ${rule} is broken`);
  }
}

t.test('given an empty registry, when a lawyer is registered, then LawyerRegistered with the district', async (t) => {
  const events: LawyerRegistryEvent[] = decideLawyerRegistry(register, initialLawyerRegistryState(), context);
  t.strictSame(events, [{ type: 'LawyerRegistered', data: { districtId: 'huadu', lawyerId: 'lawyer-chen', ...details, registeredAt: now.toISOString() } }]);
  t.strictSame(decideLawyerRegistry(register, given(register), context), [], 'a retry with the same details records nothing');
  broken(t, { type: 'RegisterLawyer', data: { ...register.data, firmName: '另一所' } }, given(register), 'lawyer_already_registered');
});

t.test('the licence number: 17 digits, and one lawyer per number', async (t) => {
  broken(t, { type: 'RegisterLawyer', data: { ...register.data, licenceNumber: '1440' } }, initialLawyerRegistryState(), 'invalid_licence_number');
  broken(t, { type: 'RegisterLawyer', data: { ...register.data, lawyerId: 'lawyer-other' } }, given(register), 'licence_number_taken');
});

t.test('the practice start: a real date, not after today', async (t) => {
  broken(t, { type: 'RegisterLawyer', data: { ...register.data, relevantPracticeSince: '2021-02-30' } }, initialLawyerRegistryState(), 'invalid_practice_start');
  broken(t, { type: 'RegisterLawyer', data: { ...register.data, relevantPracticeSince: '2026-03-03' } }, initialLawyerRegistryState(), 'invalid_practice_start');
  t.equal(practiceYears('2023-03-02', now), 3, 'three years on the anniversary (Beijing date)');
  t.equal(practiceYears('2023-03-03', now), 2, 'not the day before');
  t.equal(practiceYears('2023-03-03', new Date('2026-03-02T16:00:00Z')), 3, 'midnight in Beijing is already the 3rd');
});

t.test('a change of firm is an event; the same details again record nothing', async (t) => {
  const change = { type: 'ChangeLawyerDetails', data: { lawyerId: 'lawyer-chen', ...details, firmId: 'firm-new', firmName: '新所' } } as const;
  const [event] = decideLawyerRegistry(change, given(register), context);
  t.match(event, { type: 'LawyerDetailsChanged', data: { lawyerId: 'lawyer-chen', firmId: 'firm-new' } });
  t.match(given(register, change), { lawyers: [{ firmId: 'firm-new', active: true }] });
  t.strictSame(decideLawyerRegistry(change, given(register, change), context), []);
  broken(t, { ...change, data: { ...change.data, lawyerId: 'lawyer-nobody' } }, given(register), 'lawyer_not_registered');
});

t.test('deactivated: kept on the registry, inactive, no more changes; a second deactivation records nothing', async (t) => {
  const deactivate = { type: 'DeactivateLawyer', data: { lawyerId: 'lawyer-chen', reason: '转所' } } as const;
  const state = given(register, deactivate);
  t.match(state, { lawyers: [{ lawyerId: 'lawyer-chen', active: false, deactivatedReason: '转所' }] });
  t.strictSame(decideLawyerRegistry(deactivate, state, context), []);
  broken(t, { type: 'ChangeLawyerDetails', data: { lawyerId: 'lawyer-chen', ...details } }, state, 'lawyer_inactive');
});

t.test('another district\'s registry stream is not this one', async (t) => {
  t.throws(() => decideLawyerRegistry(register, given(register), { now, districtId: 'baiyun' }));
});
