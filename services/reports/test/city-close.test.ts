// The city's statistician (市统计员, `city_statistician`): reads the city district by district, closes the
// city's own organisations' period (市本级, the city's id) and no district's. After the city's close a
// case notified late to the city's office leaves the 市本级 row as closed and shows as its restatement;
// the districts' rows stay as things stand until their own statisticians close them.
import t from 'tap';
import { reportsFixture } from './support/app.js';
import { legalAidHistory, local, notification, walkIn } from './support/histories.js';

/** A notice from an authority that sits at city level (the intermediate court): the city office's case. */
const cityLevelNotice = (caseId: string, at: Date): ReturnType<typeof notification> => {
  const step = notification(caseId, at, 'gz-legal-aid');
  if (step.command.type !== 'ReceiveNotification') return step;
  const data = step.command.data;
  return { ...step, command: { ...step.command, data: { ...data, notifyingAuthority: { ...data.notifyingAuthority, name: '广州市中级人民法院', sits: { cityLevel: true } } } } };
};

t.test('the city\'s statistician closes the city\'s own period, and no district\'s', async (t) => {
  const f = await reportsFixture(t, new Date('2026-04-10T02:00:00Z'));
  const cityStatistician = f.token('city_statistician', 'gz');
  await f.appendWalkIn('w1', [walkIn('w1', 'huadu-plsc', 'huadu', local('2026-03-03 09:00'), 2)]);
  await f.appendLegalAid('city-1', legalAidHistory([cityLevelNotice('city-1', local('2026-03-05 09:00'))]));

  const read = await f.get('/reports/gz/2026-03', cityStatistician);
  t.equal(read.statusCode, 200, read.body);
  t.same(read.json().districts.map((d: { districtId: string }) => d.districtId), ['baiyun', 'huadu', 'gz'], 'the city district by district, then 市本级');
  t.equal((await f.get('/reports/huadu/2026-03/report.xlsx', cityStatistician)).statusCode, 200, 'any district\'s outputs');

  const districts = await f.post('/reports/huadu/2026-03/close', { commandId: crypto.randomUUID() }, cityStatistician);
  t.equal(districts.statusCode, 403, 'a district\'s close is its own statistician\'s act');
  t.match(districts.json(), { type: 'urn:bureau:problem:forbidden', detail: /district's statistician/ });
  t.equal((await f.post('/reports/gz/peer-review-ranks', { commandId: crypto.randomUUID(), year: 2026, rank: 1, of: 11, source: '通报' }, cityStatistician)).statusCode, 403, 'no rank');
  t.equal((await f.post('/reports/gz/2026-03/close', { commandId: crypto.randomUUID() })).statusCode, 404, '花都\'s statistician: the city is not theirs');

  const closed = await f.post('/reports/gz/2026-03/close', { commandId: crypto.randomUUID(), note: '市本级三月' }, cityStatistician);
  t.equal(closed.statusCode, 200, closed.body);

  // After the close: a case notified to the city's office on 31 March, recorded in April; a late visit in 花都.
  f.setNow(new Date('2026-04-12T02:00:00Z'));
  await f.appendLegalAid('city-2', legalAidHistory([cityLevelNotice('city-2', local('2026-03-31 16:00'))]));
  await f.appendWalkIn('w2', [walkIn('w2', 'huadu-plsc', 'huadu', local('2026-03-30 15:00'), 3)]);

  type Row = { districtId: string; closed: { closedBy: string | null } | null; figures: Record<string, { value: number | null }>; restatements: { figure: string; asClosed: number; now: number }[] };
  const rows = new Map(((await f.get('/reports/gz/2026-03', cityStatistician)).json().districts as Row[]).map((d) => [d.districtId, d]));
  const own = rows.get('gz')!;
  t.equal(own.closed?.closedBy, 'city_statistician-gz', 'the 市本级 row closed by the city\'s statistician');
  t.equal(own.figures.notified?.value, 1, 'its figure as closed');
  t.match(own.restatements.find((r) => r.figure === 'notified'), { asClosed: 1, now: 2 }, 'the late case as its restatement');
  const huadu = rows.get('huadu')!;
  t.equal(huadu.closed, null, '花都 is not closed by the city\'s close');
  t.equal(huadu.figures.walk_in_persons?.value, 5, 'and counts as things stand');
});
