// `@bureau/durable-timers/arithmetic` is the same pure arithmetic as the package's main entry, reachable
// without loading pg or kysely (a domain core records the due moments its timers fire at).
import t from 'tap';
import * as arithmetic from '@bureau/durable-timers/arithmetic';
import * as main from '@bureau/durable-timers';

t.test('the arithmetic entry exports the very functions of the main entry', async (t) => {
  for (const name of ['dueOf', 'addLocalDays', 'remainingAtPause', 'dueOnResume', 'workingHoursBetween', 'timerIdOf', 'CIVIL_CODE_ART_201'] as const) {
    t.equal(arithmetic[name], main[name], name);
  }
});
