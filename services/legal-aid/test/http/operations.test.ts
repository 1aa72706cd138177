// The administrators' reads: the projections' status and lag, and the files whose limits wait for an
// official calendar year, counted within the caller's reach (another district's files in no count).
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('projection status and the provisional limits, for the administrators', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-12-28 10:00' });
  const taken = await f.submit(application({}, { id: residentId('19800101', 718) }), f.tokens.huaduReviewer);
  t.equal(taken.statusCode, 201, taken.body);

  const status = await f.get('/projections', f.tokens.huaduAdmin);
  t.equal(status.statusCode, 200, status.body);
  const names = (status.json().projections as Array<{ name: string; status: string; eventsBehind: number }>).map((p) => p.name).sort();
  t.equal(names.length, 2, `the files and the walk-ins: ${names.join(', ')}`);
  t.equal((await f.get('/projections', f.tokens.huaduClerk)).statusCode, 403, 'not a clerk\'s');

  const years = async (token: string) => {
    for (let i = 0; ; i += 1) {
      const res = await f.get('/provisional-deadlines', token);
      t.equal(res.statusCode, 200, res.body);
      const body = res.json() as { years: Array<{ year: number; files: number }> };
      if (body.years.length > 0 || i > 200) return body.years;
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  t.strictSame(await years(f.tokens.huaduAdmin), [{ year: 2027, files: 1 }], '花都\'s administrator: the file waits for 2027');
  t.strictSame(await years(f.tokens.cityAdmin), [{ year: 2027, files: 1 }], 'the city\'s administrator');
  const baiyun = await f.get('/provisional-deadlines', f.tokens.baiyunAdmin);
  t.strictSame(baiyun.json(), { years: [] }, '白云\'s administrator: 花都\'s file is in no count');
  t.equal((await f.get('/provisional-deadlines', f.tokens.huaduClerk)).statusCode, 403);
});
