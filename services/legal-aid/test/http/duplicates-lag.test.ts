// The duplicate check sees a submission the read model has not caught up with: two submissions of the
// same person, matter and opposing party in quick succession still warn, with the projection stopped
// between them (the candidates since its checkpoint are read from the numbers' allocations).
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('a second submission warns of the first while the read model lags behind', async (t) => {
  const f = await legalAidFixture(t);
  await f.app.legalAidReadModels.engine.stop();
  const person = { id: residentId('19750505', 515), name: '郭大年' };
  const first = await f.submit(application({}, person), f.tokens.huaduClerk);
  t.equal(first.statusCode, 201, first.body);
  const { caseId } = first.json() as { caseId: string };
  t.equal((await f.app.pg.query('SELECT 1 FROM legal_aid_files WHERE case_id = $1', [caseId])).rowCount, 0, 'the read model has not seen the first');

  const second = await f.submit(application({}, person), f.tokens.huaduClerk);
  t.equal(second.statusCode, 201, 'a warning, not a refusal');
  t.strictSame(second.json().possibleDuplicates, [caseId], 'the first is named');
  const other = await f.submit(application({ opposingParty: '另一家公司' }, person), f.tokens.huaduClerk);
  t.strictSame(other.json().possibleDuplicates, [], 'another opposing party is not a duplicate');
  const elsewhere = await f.submit(application({}, person), f.tokens.baiyunClerk);
  t.equal(elsewhere.statusCode, 201, elsewhere.body);
  t.strictSame(elsewhere.json().possibleDuplicates, [], '白云\'s clerk is not told of 花都\'s file');
});
