// Counts kept between requests (src/report/figure-cache.ts): a report asked again while the facts
// projection stands where it stood is the count already made; once an event moves the projection, the
// tallies are carried forward by the facts' versions recorded and superseded since (not counted whole
// again); a close shows at once (closes are read from the store each time), and what is counted as of a
// close stays as it was counted. The read model is altered behind the projection's back here only to
// see which count answers (an altered value that no event changed is in a count made whole, not in one
// carried forward).
import t from 'tap';
import { reportsFixture } from './support/app.js';
import { local, walkIn, walkInVoided } from './support/histories.js';

t.test('counts kept while the facts stand, carried forward by what changed once they move', async (t) => {
  const f = await reportsFixture(t, new Date('2026-04-10T02:00:00Z'));
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  const persons = async (url = '/reports/huadu/2026-03') => (await f.get(url)).json().districts[0].figures.walk_in_persons.value as number;

  t.equal(await persons(), 2);
  await f.app.pg.query(`UPDATE report_facts SET value = 20 WHERE case_id = 'w1'`);
  t.equal(await persons(), 2, 'asked again, nothing recorded: the count already made');
  t.equal((await f.get('/reports/huadu/2026-03/figures/walk_in_persons/facts')).json().sum, 20, 'a drill-down reads the facts themselves');

  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-plsc', 'huadu', local('2026-03-04 09:00'), 3)]);
  t.equal(await persons(), 5, 'an event recorded: the last count carried forward by the version it recorded (the altered value is not recounted)');
  t.equal(await persons('/reports/huadu/2026-Q1'), 23, 'another period, never counted before: counted whole (the altered value with it)');
  await f.app.pg.query(`UPDATE report_facts SET value = 2 WHERE case_id = 'w1'`);

  await f.appendWalkIn('w2', [walkInVoided('w2')]);
  t.equal(await persons(), 2, 'a visit voided: the version superseded since is taken away');
  t.equal(await persons('/reports/huadu/2026-Q1'), 20, 'the quarter too, from its own last count');

  t.equal((await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 200);
  const closed = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.ok(closed.closed, 'the close shows at once');
  t.equal(closed.figures.walk_in_persons.value, 2, 'as closed');

  await f.app.pg.query(`UPDATE report_facts SET value = 30 WHERE case_id = 'w1'`);
  await f.appendWalkIn('w3', [walkIn('w3', 'huadu-plsc', 'huadu', local('2026-03-05 09:00'), 1)]);
  const later = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.equal(later.figures.walk_in_persons.value, 2, 'the count as of the close is kept: what stood at a close does not change');
  t.match(later.restatements, [{ figure: 'walk_in_persons', asClosed: 2, now: 3 }], 'as things stand: carried forward by the visit recorded since');
});
