// A review limit reaching into 2027 with no 2027 calendar: recorded provisional, /readyz warns; the city's
// administrator loads 2027; the limit is counted again on it (DeadlinesRecomputed), the file shows the
// new due moment and its timer moves with it; the warning goes.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { application, legalAidFixture, local, residentId } from './support.js';

// Test data in the official format (not the real 2027 notice, which is not published yet).
const year2027 = { source: '国务院办公厅关于2027年部分节假日安排的通知（测试）', off: ['2027-01-01/2027-01-03', '2027-02-06/2027-02-13'], work: ['2027-02-20'] };

t.test('provisional limits are counted again when the year is loaded, and the timers move', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-12-28 10:00' });
  const taken = await f.submit(application({}, { id: residentId('19800101', 717) }), f.tokens.huaduReviewer);
  t.equal(taken.statusCode, 201, taken.body);
  const { caseId } = taken.json();
  // By weekday: 29, 30, 31 December, 1 January (a Friday), 4, 5, 6: due at the end of 6 January.
  t.match((await f.get(`/files/${caseId}`)).json().file.review.current, { dueAt: local('2027-01-07 00:00').toISOString(), provisionalYears: [2027] });
  const timer = async () => (await f.app.pg.query<{ due_at: Date; state: string }>(`SELECT due_at, state FROM legal_aid_timers WHERE subject_id = $1 AND kind = 'review'`, [caseId])).rows[0];
  const until = async (what: string, ok: () => Promise<boolean>) => {
    for (let i = 0; !(await ok()); i += 1) {
      if (i > 400) throw new Error(`never: ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  await until('the timer is set', async () => (await timer()) !== undefined);
  t.match(await timer(), { due_at: local('2027-01-07 00:00'), state: 'pending' });
  await until('the read model shows the file', async () => (await f.app.pg.query(`SELECT 1 FROM legal_aid_files WHERE case_id = $1`, [caseId])).rowCount === 1);
  t.match((await f.app.inject({ method: 'GET', url: '/readyz' })).json(), { status: 'ready', warnings: { calendar: /2027.*1件/ } }, 'the administrator is told');

  const loaded = await f.app.inject({ method: 'PUT', url: '/calendar/years/2027', headers: { authorization: f.tokens.cityAdmin }, payload: { commandId: randomUUID(), ...year2027 } });
  t.ok(loaded.statusCode < 300, loaded.body);
  await f.app.legalAidProvisionalDeadlines.recountNow();

  const events: string[] = [];
  for await (const e of f.app.eventStore.readStream(`legalAidCase-${caseId}`)) events.push(e.type);
  t.strictSame(events, ['ApplicationSubmitted', 'DeadlinesRecomputed'], 'recounted once');
  // On the loaded 2027 calendar 1 January is off: 29, 30, 31, 4, 5, 6, 7: due at the end of 7 January.
  t.match((await f.get(`/files/${caseId}`)).json().file.review.current, { dueAt: local('2027-01-08 00:00').toISOString(), provisionalYears: [] });
  await until('the timer moves', async () => (await timer())?.due_at.getTime() === local('2027-01-08 00:00').getTime());
  t.match(await timer(), { state: 'pending' }, 'the timer runs to the new due moment');
  await until('the warning goes', async () => !(await f.app.inject({ method: 'GET', url: '/readyz' })).json().warnings?.calendar);

  await f.app.legalAidProvisionalDeadlines.recountNow();
  const again: string[] = [];
  for await (const e of f.app.eventStore.readStream(`legalAidCase-${caseId}`)) again.push(e.type);
  t.equal(again.length, 2, 'a second pass records nothing');
});
