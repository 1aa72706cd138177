// The configured limits: defaults from the domain reference, district overrides, bad values refused.
import t from 'tap';
import { defaultHotlineLimits, hotlineRules } from '../../src/domain/index.js';
import { calendar } from './support/fixtures.js';

t.test('the defaults follow the domain reference (§1)', async (t) => {
  t.strictSame(hotlineRules(calendar).limits, {
    signForWorkingHours: 2,
    replyWorkingDays: { consultation: 2, assistance: 10, suggestion: 10, complaint: 15, report: 15 },
    returnWindowWorkingDays: 2,
    extensionCapWorkingDays: 10,
    noticeAfterUrgesWhileOverdue: 2,
  });
  t.equal(hotlineRules(calendar).limits.replyWorkingDays.complaint, defaultHotlineLimits.replyWorkingDays.complaint);
});

t.test('a district overrides single limits, the rest keep their defaults', async (t) => {
  const { limits } = hotlineRules(calendar, { returnWindowWorkingDays: 3, replyWorkingDays: { consultation: 3 } });
  t.equal(limits.returnWindowWorkingDays, 3);
  t.equal(limits.replyWorkingDays.consultation, 3);
  t.equal(limits.replyWorkingDays.report, 15);
  t.equal(limits.extensionCapWorkingDays, 10);
});

t.test('a limit that is not a whole number >= 1 is refused at configuration time', async (t) => {
  t.throws(() => hotlineRules(calendar, { signForWorkingHours: 0 }), RangeError);
  t.throws(() => hotlineRules(calendar, { extensionCapWorkingDays: 2.5 }), RangeError);
  t.throws(() => hotlineRules(calendar, { replyWorkingDays: { complaint: -1 } }), RangeError);
  t.doesNotThrow(() => hotlineRules(calendar, { noticeAfterUrgesWhileOverdue: null }));
});
