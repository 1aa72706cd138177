// The limits are named constants a newcomer greps for, defaulting as the law says; a district overrides
// them whole; a nonsense override is refused when the configuration is built.
import t from 'tap';
import {
  ASSIGNMENT_WORKING_DAYS,
  CAPITAL_CASE_MIN_PRACTICE_YEARS,
  CUSTODY_FORWARDING_CLOCK_HOURS,
  MATERIALS_WORKING_DAYS,
  NOTIFIED_ASSIGNMENT_WORKING_DAYS,
  OBJECTION_DECISION_WORKING_DAYS,
  PRELIMINARY_AID_CALENDAR_DAYS,
  REVIEW_WORKING_DAYS,
  defaultLegalAidLimits,
  legalAidRules,
} from '../../src/domain/index.js';
import { calendar } from './support/fixtures.js';

t.test('the law\'s limits as named constants (Arts. 26, 39, 43, 44, 49)', async (t) => {
  t.equal(REVIEW_WORKING_DAYS, 7, 'Art. 43 review');
  t.equal(ASSIGNMENT_WORKING_DAYS, 3, 'Art. 43 assignment');
  t.equal(NOTIFIED_ASSIGNMENT_WORKING_DAYS, 3, 'Arts. 25, 35-36 notified assignment');
  t.equal(OBJECTION_DECISION_WORKING_DAYS, 5, 'Art. 49 objection');
  t.equal(CUSTODY_FORWARDING_CLOCK_HOURS, 24, 'Art. 39 custody forwarding');
  t.equal(PRELIMINARY_AID_CALENDAR_DAYS, 7, 'Art. 44 preliminary aid');
  t.equal(CAPITAL_CASE_MIN_PRACTICE_YEARS, 3, 'Art. 26');
  t.equal(MATERIALS_WORKING_DAYS, 15, 'materials period, domain reference default');
  t.strictSame(defaultLegalAidLimits.review, { unit: 'working_days', amount: 7 });
  t.strictSame(defaultLegalAidLimits.custodyForwarding, { unit: 'clock_hours', amount: 24 });
  t.equal(defaultLegalAidLimits.objectionFiling, null, 'Art. 49 sets no filing deadline');
});

t.test('a district overrides a limit; the rest keep their defaults', async (t) => {
  const rules = legalAidRules(calendar, { review: { unit: 'calendar_days', amount: 7 }, greenChannelHardship: 'pledge' });
  t.strictSame(rules.limits.review, { unit: 'calendar_days', amount: 7 });
  t.equal(rules.limits.greenChannelHardship, 'pledge');
  t.strictSame(rules.limits.assignment, defaultLegalAidLimits.assignment);
  t.throws(() => legalAidRules(calendar, { review: { unit: 'working_days', amount: 2.5 } }), RangeError);
  t.throws(() => legalAidRules(calendar, { preliminaryAidCalendarDays: -1 }), RangeError);
});
