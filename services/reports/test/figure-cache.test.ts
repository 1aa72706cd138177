// Counts kept between requests (src/report/figure-cache.ts): a report asked again while the facts
// projection stands where it stood is the count already made; once an event moves the projection it is
// counted again; a close shows at once (closes are read from the store each time), and what is counted
// as of a close stays as it was counted. The read model is altered behind the projection's back here
// only to see which count answers.
import t from 'tap';
import { reportsFixture } from './support/app.js';
import { local, walkIn } from './support/histories.js';

t.test('counts kept while the facts stand, counted again once they move', async (t) => {
  const f = await reportsFixture(t, new Date('2026-04-10T02:00:00Z'));
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  const persons = async (url = '/reports/huadu/2026-03') => (await f.get(url)).json().districts[0].figures.walk_in_persons.value as number;

  t.equal(await persons(), 2);
  await f.app.pg.query(`UPDATE report_facts SET value = 20 WHERE case_id = 'w1'`);
  t.equal(await persons(), 2, 'asked again, nothing recorded: the count already made');
  t.equal((await f.get('/reports/huadu/2026-03/figures/walk_in_persons/facts')).json().sum, 20, 'a drill-down reads the facts themselves');

  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-plsc', 'huadu', local('2026-03-04 09:00'), 3)]);
  t.equal(await persons(), 23, 'an event recorded: counted again (the altered fact with it)');

  t.equal((await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 200);
  const closed = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.ok(closed.closed, 'the close shows at once');
  t.equal(closed.figures.walk_in_persons.value, 23, 'as closed');

  await f.app.pg.query(`UPDATE report_facts SET value = 30 WHERE case_id = 'w1'`);
  await f.appendWalkIn('w3', [walkIn('w3', 'huadu-plsc', 'huadu', local('2026-03-05 09:00'), 1)]);
  const later = (await f.get('/reports/huadu/2026-03')).json().districts[0];
  t.equal(later.figures.walk_in_persons.value, 23, 'the count as of the close is kept: what stood at a close does not change');
  t.match(later.restatements, [{ figure: 'walk_in_persons', asClosed: 23, now: 34 }], 'as things stand: counted again');
});
