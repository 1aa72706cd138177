// The duplicate check sees a submission the read model has not caught up with: two submissions of the
// same person, matter and opposing party in quick succession still warn, with the projection stopped
// between them (the candidates since its checkpoint are read from the numbers' allocations).
import { randomUUID } from 'node:crypto';
import t from 'tap';
import type { EventStore } from '@bureau/event-store';
import { NumberAllocator } from '../../src/numbering/allocator.js';
import { numberingYearClosed, UnprojectedAllocations } from '../../src/numbering/unprojected-allocations.js';
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

t.test('counters that look at once, with nothing kept yet, share one read back per numbering stream and each sees what was allocated before it', async (t) => {
  const f = await legalAidFixture(t);
  await f.app.legalAidReadModels.engine.stop();
  const first = await f.submit(application({}, { id: residentId('19800101', 101), name: '罗一' }), f.tokens.huaduClerk);
  t.equal(first.statusCode, 201, first.body);
  // a process that has kept nothing yet (a fresh UnprojectedAllocations), counting its reads back
  let readsBack = 0;
  const store = f.app.eventStore;
  const counting: EventStore = {
    ...store,
    readStream: (name, options) => {
      if (options?.direction === 'backwards') readsBack += 1;
      return store.readStream(name, options);
    },
  };
  const unprojected = new UnprojectedAllocations(counting);
  const streams = (['huadu', 'baiyun'] as const).length * 2;
  const looks = await Promise.all(Array.from({ length: 8 }, () => unprojected.after(undefined, ['huadu', 'baiyun'], [2026, 2025])));
  const firstId = (first.json() as { caseId: string }).caseId;
  t.ok(looks.every((found) => found.map((a) => a.applicationId).join() === firstId), 'each of eight looks found the one allocation');
  t.ok(readsBack <= streams, `one read back per stream, not one per look (${readsBack} for ${streams} streams)`);
  // what is allocated after is found by reading forward, not back
  const second = await f.submit(application({}, { id: residentId('19800101', 102), name: '罗二' }), f.tokens.huaduClerk);
  const secondId = (second.json() as { caseId: string }).caseId;
  const later = await unprojected.after(undefined, ['huadu', 'baiyun'], [2026, 2025]);
  t.same(later.map((a) => a.applicationId).sort(), [firstId, secondId].sort(), 'the later look sees both');
  t.ok(readsBack <= streams, 'and read nothing back again');
});

t.test('a closed year\'s numbering streams are read once more and then only kept: last year\'s streams cost no read per look', async (t) => {
  const f = await legalAidFixture(t);
  await f.app.legalAidReadModels.engine.stop();
  const first = await f.submit(application({}, { id: residentId('19810202', 201), name: '冯一' }), f.tokens.huaduClerk);
  t.equal(first.statusCode, 201, first.body);
  const firstId = (first.json() as { caseId: string }).caseId;
  const reads = new Map<string, number>();
  const store = f.app.eventStore;
  const counting: EventStore = {
    ...store,
    readStream: (name, options) => {
      reads.set(name, (reads.get(name) ?? 0) + 1);
      return store.readStream(name, options);
    },
  };
  const unprojected = new UnprojectedAllocations(counting);
  // 2026 is the fixture's year, taken as closed here: its allocation, made before, is still found
  const closed = (year: number) => year < 2027;
  for (let look = 0; look < 3; look += 1) {
    const found = await unprojected.after(undefined, ['huadu'], [2027, 2026], closed);
    t.strictSame(found.map((a) => a.applicationId), [firstId], `look ${look + 1}: the closed year's allocation is still named`);
  }
  t.equal(reads.get('legalAidNumbering-huadu-2026'), 1, 'the closed year\'s stream: read once (back from its tip), then kept');
  t.equal(reads.get('legalAidNumbering-huadu-2027'), 3, 'the open year\'s stream: read at every look (the first back, then forward)');

  // the year is judged by each look: a stream kept while its year was open is read once more when it closes, then no more
  const open = new UnprojectedAllocations(counting);
  reads.clear();
  await open.after(undefined, ['huadu'], [2026], () => false);
  await open.after(undefined, ['huadu'], [2026], () => false);
  t.equal(reads.get('legalAidNumbering-huadu-2026'), 2, 'open: read at each look');
  const second = await f.submit(application({}, { id: residentId('19810202', 202), name: '冯二' }), f.tokens.huaduClerk);
  const secondId = (second.json() as { caseId: string }).caseId;
  const atClose = await open.after(undefined, ['huadu'], [2026], closed);
  t.same(atClose.map((a) => a.applicationId).sort(), [firstId, secondId].sort(), 'the look that finds it closed reads what was allocated until then');
  await open.after(undefined, ['huadu'], [2026], closed);
  t.equal(reads.get('legalAidNumbering-huadu-2026'), 3, 'and nothing after');
});

t.test('numberingYearClosed: last year takes numbers until ten minutes past midnight, Beijing time', async (t) => {
  const at = (iso: string) => numberingYearClosed(new Date(iso));
  t.notOk(at('2026-12-31T16:09:59Z')(2026), '00:09:59 on 1 January: 2026 still open');
  t.ok(at('2026-12-31T16:10:00Z')(2026), '00:10: 2026 closed');
  t.notOk(at('2026-12-31T16:10:00Z')(2027), '2027 open');
  t.ok(at('2026-06-01T00:00:00Z')(2025), 'mid-year: last year closed');
});

t.test('allocations this process appended are kept as appended; another process\'s numbers between are still read', async (t) => {
  const f = await legalAidFixture(t);
  await f.app.legalAidReadModels.engine.stop();
  const first = await f.submit(application({}, { id: residentId('19820303', 301), name: '彭一' }), f.tokens.huaduClerk);
  t.equal(first.statusCode, 201, first.body);
  let readsForward = 0;
  const store = f.app.eventStore;
  const counting: EventStore = {
    ...store,
    readStream: (name, options) => {
      if (options?.direction !== 'backwards' && name.startsWith('legalAidNumbering-huadu')) readsForward += 1;
      return store.readStream(name, options);
    },
  };
  const unprojected = new UnprojectedAllocations(counting);
  // this process's allocator tells its reader what it appended; another process's allocator does not
  const mine = new NumberAllocator(store, (stream, appended) => unprojected.noteAppended(stream, appended));
  const theirs = new NumberAllocator(store);
  const template = (await unprojected.after(undefined, ['huadu'], [2026]))[0];
  if (!template) throw new Error('the first allocation is not found');
  const input = (name: string) => {
    const commandId = randomUUID();
    return {
      areaId: 'huadu', areaShortName: '花', pattern: f.config.LEGAL_AID_NUMBER_PATTERN,
      submitted: { ...template.submitted, applicationId: randomUUID(), applicant: { ...template.submitted.applicant, name } }, commandId, commandDigest: null, correlationId: commandId,
      actor: { id: 'clerk', role: 'station_clerk', organisation: 'huadu-station-xinhua' },
    };
  };
  const ids = (found: readonly { applicationId: string }[]) => found.map((a) => a.applicationId).sort();

  const a = await mine.allocate(input('彭二'));
  const forwardBefore = readsForward;
  const afterMine = await unprojected.after(undefined, ['huadu'], [2026]);
  t.same(ids(afterMine), ids([template, a]), 'its own allocation is seen');
  t.equal(afterMine.find((x) => x.applicationId === a.applicationId)?.applicationNumber, a.applicationNumber, 'as it was appended');

  const b = await theirs.allocate(input('彭三'));
  const c = await mine.allocate(input('彭四'));
  t.same(ids(await unprojected.after(undefined, ['huadu'], [2026])), ids([template, a, b, c]), 'the other process\'s number between is read, and the one after it is not lost');
  t.ok(readsForward > forwardBefore, 'read forward for it');
  const d = await mine.allocate(input('彭五'));
  const all = await unprojected.after(undefined, ['huadu'], [2026]);
  t.same(ids(all), ids([template, a, b, c, d]), 'each once');
  t.same(all.map((x) => x.sequence), [1, 2, 3, 4, 5], 'in the stream\'s order');
});

