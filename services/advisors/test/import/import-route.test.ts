// The spreadsheet import over HTTP: all or nothing per file across every ledger it touches, the same
// file again writes nothing, an overlapping file only its new rows, a changed row is a difference
// (refused, never a second service), and an import accepted but not applied is completed on restart.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { handleCommand } from '@bureau/service-kit';
import t from 'tap';
import { advisorImportStreamName, ledgerImportDecider } from '../../src/domain/index.js';
import { ledgerImportEvents } from '../../src/events/index.js';
import { importLedgerFile } from '../../src/commands/import-ledger-file.js';
import { importFilesIn } from '../../src/storage/import-files.js';
import { ADVISOR, OTHER_ADVISOR, advisorsFixture, service, type AdvisorsFixture } from '../support/app.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const good = fixture('good-ledger.csv');
const bad = fixture('bad-ledger.csv');

const upload = (f: AdvisorsFixture, body: Buffer | string, token: string, query = '') =>
  f.app.inject({ method: 'POST', url: `/imports${query}`, headers: { authorization: token, 'content-type': 'text/csv' }, payload: body });

const entriesOf = async (f: AdvisorsFixture, villageId: string) =>
  (await f.get(`/villages/${villageId}/ledger/2026-03`, f.tokens.office)).json().entries as { entryId: string; content: { date: string; type: string } }[];

t.test('the good file imports whole; again, nothing; an overlapping file only its new rows', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const first = await upload(f, good, f.tokens.advisor, '?fileName=good-ledger.csv');
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json(), { status: 'completed', rows: 5, newRows: 5, alreadyLogged: 0, ledgers: [{ villageId: 'huadu-xinhua-dongsha', month: '2026-03', newRows: 5 }] });
  const entries = await entriesOf(f, 'huadu-xinhua-dongsha');
  t.equal(entries.length, 5);
  t.same(entries.map((e) => e.content.date), ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-13', '2026-03-10']);

  const status = await f.get(`/imports/${first.json().importId}`, f.tokens.advisor);
  t.match(status.json(), { status: 'completed', newRows: 5, completedAt: String });
  t.equal((await f.get(`/imports/${first.json().importId}`, f.tokens.baiyunAdmin)).statusCode, 404, 'another district does not see it');

  const before = await f.streamRevisions();
  const again = await upload(f, good, f.tokens.advisor);
  t.equal(again.statusCode, 200, again.body);
  t.match(again.json(), { status: 'nothing_new', rows: 5, newRows: 0, alreadyLogged: 5 });
  t.same(await f.streamRevisions(), before, 'the same file again writes nothing');

  const overlapping = `${good.toString('utf8').trimEnd()}\n2026-03-11,东沙村,咨询,1,驻点,孙八,13800000003,咨询拆迁补偿,10:00\n`;
  const third = await upload(f, overlapping, f.tokens.advisor);
  t.equal(third.statusCode, 200, third.body);
  t.match(third.json(), { status: 'completed', rows: 6, newRows: 1, alreadyLogged: 5 });
  t.equal((await entriesOf(f, 'huadu-xinhua-dongsha')).length, 6);
});

t.test('the bad file: every bad row reported, nothing imported', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const before = await f.streamRevisions();
  const res = await upload(f, bad, f.tokens.advisor);
  t.equal(res.statusCode, 422, res.body);
  const { rule, importErrors: errors, detail } = res.json() as { rule: string; importErrors: { row: number; column: string | null; rule: string }[]; detail: string };
  t.equal(rule, 'import_refused');
  t.same([...new Set(errors.map((e) => e.row))], [3, 4, 5, 6], 'rows 3 to 6 are bad, row 2 is fine');
  t.ok(errors.some((e) => e.row === 3 && e.column === '日期' && e.rule === 'invalid_date'));
  t.ok(errors.some((e) => e.row === 4 && e.column === '服务类型' && e.rule === 'unknown_service_type'));
  t.match(detail, /第3行 \[日期\] invalid_date/, 'lines a person can fix the file from');
  t.same(await f.streamRevisions(), before, 'nothing imported, not even row 2');
});

t.test('all or nothing across ledgers: a changed row, or a village the advisor is not appointed to, refuses the whole file', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  t.equal((await upload(f, good, f.tokens.advisor)).statusCode, 200);
  await f.post('/villages/huadu-xinhua-xicun/appointments', { advisorId: ADVISOR.advisorId, from: '2026-03-01', to: '2026-12-31' }, f.tokens.admin);
  const before = await f.streamRevisions();
  // A new row for 西村 (another ledger) and a changed row for 东沙村 (same service, other duration).
  const changed = '日期,村(社区),服务类型,时长(小时),驻点/线上,服务对象,联系电话,内容摘要,开始时间\n'
    + '2026-03-12,西村,咨询,1,驻点,周九,13800000004,咨询工伤赔偿,09:00\n'
    + '2026-03-05,东沙村,驻点值班,3,驻点,,,驻点值班,09:00\n';
  const res = await upload(f, changed, f.tokens.advisor);
  t.equal(res.statusCode, 422, res.body);
  t.match(res.json().importErrors, [{ row: 3, rule: 'duplicate_entry_differs' }]);
  t.same(await f.streamRevisions(), before, 'the new 西村 row is not imported either');

  const notAppointed = '日期,村(社区),服务类型,时长(小时),驻点/线上,服务对象,联系电话,内容摘要\n'
    + '2026-03-12,西村,咨询,1,驻点,周九,13800000004,咨询工伤赔偿\n'
    + '2026-02-12,西村,咨询,1,驻点,周九,13800000004,二月咨询\n';
  const refused = await upload(f, notAppointed, f.tokens.advisor);
  t.equal(refused.statusCode, 422);
  t.match(refused.json().importErrors, [{ row: 3, rule: 'advisor_not_appointed' }]);
  t.same(await f.streamRevisions(), before);
});

t.test('the district imports a file naming its advisors; an advisor cannot import for another', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  await f.appoint(OTHER_ADVISOR, 'huadu-xinhua-xicun');
  const file = '日期,村(社区),服务类型,时长(小时),驻点/线上,服务对象,联系电话,内容摘要,法律顾问\n'
    + `2026-03-12,西村,驻点值班,4,驻点,,,值班,${OTHER_ADVISOR.name}\n`
    + `2026-03-12,东沙村,驻点值班,4,驻点,,,值班,${ADVISOR.licenceNumber}\n`;
  const asAdvisor = await upload(f, file, f.tokens.advisor);
  t.equal(asAdvisor.statusCode, 422, 'the advisor\'s file may name only them');
  t.match(asAdvisor.json().importErrors, [{ row: 2, column: '法律顾问', rule: 'unknown_advisor' }]);
  const asDistrict = await upload(f, file, f.tokens.admin);
  t.equal(asDistrict.statusCode, 200, asDistrict.body);
  t.match(asDistrict.json(), { newRows: 2, ledgers: [{ villageId: 'huadu-xinhua-xicun' }, { villageId: 'huadu-xinhua-dongsha' }] });
  const noColumn = await upload(f, good, f.tokens.admin);
  t.equal(noColumn.statusCode, 422);
  t.match(noColumn.json().importErrors, [{ rule: 'advisor_required' }]);
  const named = await upload(f, good, f.tokens.admin, `?advisorId=${ADVISOR.advisorId}`);
  t.equal(named.statusCode, 200, named.body);
  const tooBig = await f.app.inject({ method: 'POST', url: '/imports', headers: { authorization: f.tokens.admin, 'content-type': 'text/csv' }, payload: Buffer.alloc(11 * 1024 * 1024, 0x41) });
  t.equal(tooBig.statusCode, 413);
});

t.test('an import accepted but not applied (a crash in between) is completed when the service starts again', async (t) => {
  const first = await advisorsFixture(t);
  await first.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const importId = `${'a'.repeat(40)}-${'b'.repeat(12)}`;
  const data = (day: string, start: string) => ({
    entryId: `import-${day}-${start}`, villageId: 'huadu-xinhua-dongsha', advisorId: ADVISOR.advisorId, date: `2026-03-${day}`, startTime: start, type: 'on_site_duty' as const,
    reviewSubject: null, durationMinutes: 240, mode: 'on_site' as const, personsServed: [], summary: '驻点值班', evidence: [], legalAidApplicationId: null,
  });
  await handleCommand({
    store: first.app.eventStore, registry: ledgerImportEvents, streamName: advisorImportStreamName(importId), decider: ledgerImportDecider,
    command: { type: 'AcceptImport', data: { importId, fileSha256: 'c'.repeat(64), fileName: 'x.csv', rowCount: 2, alreadyLogged: 0,
      batches: [{ villageId: 'huadu-xinhua-dongsha', month: '2026-03', rows: [2, 3], commands: [data('05', '09:00'), data('06', '09:00')] }], acceptedAt: first.clock.now.toISOString() } },
    context: { commandId: '9a1e3f6c-0d5b-4c8e-a6f1-2b3c4d5e6f70', actor: { id: ADVISOR.advisorId, role: 'legal_advisor', organisation: 'huadu' } },
  });
  await first.close();
  const second = await advisorsFixture(t, { databaseUrl: first.databaseUrl });
  const entries = await entriesOf(second, 'huadu-xinhua-dongsha');
  t.same(entries.map((e) => e.entryId), ['import-05-09:00', 'import-06-09:00'], 'applied on start');
  t.match((await second.get(`/imports/${importId}`, second.tokens.advisor)).json(), { status: 'completed' });
});

t.test('a crash after the import is accepted: completed on start from the kept file, read as it was read', async (t) => {
  const first = await advisorsFixture(t);
  await first.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  // The ledgers' appends fail, as a process that dies right after the acceptance would leave them.
  const store = new Proxy(first.app.eventStore, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'appendToStream' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<typeof target.appendToStream>) => {
        if (args[0].startsWith('advisorLedger-')) throw new Error('the process died');
        return target.appendToStream(...args);
      };
    },
  });
  const deps = { store, registry: () => first.app.organisations.current(), limitsFor: (d: string | undefined) => first.config.limitsFor(d ?? ''), importFiles: importFilesIn(first.app.db) };
  const input = {
    file: good, kind: 'csv' as const, fileName: 'good-ledger.csv', actor: { id: ADVISOR.advisorId, role: 'legal_advisor', organisation: 'huadu' }, reach: { includes: () => true },
    ownAdvisorId: ADVISOR.advisorId, advisorId: undefined, now: first.clock.now, correlationId: 'crash-test',
  };
  await t.rejects(importLedgerFile(deps, input), /the process died/);
  t.same(await entriesOf(first, 'huadu-xinhua-dongsha'), [], 'nothing in the ledger yet');
  // The import's id as importLedgerFile derives it (the file's hash, the importer's); its stream read
  // directly ($all shows a commit only once older transactions on the shared server have ended).
  const sha = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
  const importId = `${sha(good).slice(0, 40)}-${sha(`huadu|${ADVISOR.advisorId}`).slice(0, 12)}`;
  const recorded = [];
  for await (const e of first.app.eventStore.readStream(advisorImportStreamName(importId))) recorded.push(e);
  t.same(recorded.map((e) => e.type), ['LedgerImportAccepted'], 'accepted, not completed');
  for (const e of recorded) {
    const data = e.data as { batches: Record<string, unknown>[]; reading: unknown };
    t.notOk('commands' in (data.batches[0] ?? {}), 'the accepted event names the rows, it does not carry them');
    t.match(data, { batches: [{ villageId: 'huadu-xinhua-dongsha', rows: [2, 3, 4, 5, 6], ledgerRowsSha256: /^[0-9a-f]{64}$/ }], reading: { kind: 'csv', advisorId: ADVISOR.advisorId, villages: { 东沙村: 'huadu-xinhua-dongsha' } } });
  }
  t.match((await first.get(`/imports/${importId}`, first.tokens.advisor)).json(), { status: 'accepted', newRows: 5 });
  await first.close();
  const second = await advisorsFixture(t, { databaseUrl: first.databaseUrl });
  const entries = await entriesOf(second, 'huadu-xinhua-dongsha');
  t.same(entries.map((e) => e.content.date), ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-13', '2026-03-10'], 'applied on start, from the file');
  t.match((await second.get(`/imports/${importId}`, second.tokens.advisor)).json(), { status: 'completed', newRows: 5 });
  const again = await upload(second, good, second.tokens.advisor);
  t.match(again.json(), { status: 'nothing_new', alreadyLogged: 5 }, 'and the same file again writes nothing');
});

t.test('a ledger written to between validation and application: its rows are decided again on what it holds, nothing lost or doubled', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  t.equal((await f.post('/villages/huadu-xinhua-dongsha/ledger/entries', { entryId: 'before', ...service({ date: '2026-03-04' }) }, f.tokens.advisor)).statusCode, 200);
  let interjected = false;
  // The store as the import sees it: right after the import is accepted, the advisor logs another service.
  const store = new Proxy(f.app.eventStore, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (prop !== 'appendToStream' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<typeof target.appendToStream>) => {
        const result = await target.appendToStream(...args);
        if (!interjected && args[0].startsWith('advisorImport-')) {
          interjected = true;
          const res = await f.post('/villages/huadu-xinhua-dongsha/ledger/entries', { entryId: 'between', ...service({ date: '2026-03-07' }) }, f.tokens.advisor);
          t.equal(res.statusCode, 200, res.body);
        }
        return result;
      };
    },
  });
  const summary = await importLedgerFile({ store, registry: () => f.app.organisations.current(), limitsFor: (d) => f.config.limitsFor(d ?? ''), importFiles: importFilesIn(f.app.db) }, {
    file: Buffer.from('日期,村(社区),服务类型,时长(小时),驻点/线上,内容摘要\n2026-03-06,东沙村,驻点值班,4,驻点,值班\n'), kind: 'csv', fileName: 'x.csv',
    actor: { id: ADVISOR.advisorId, role: 'legal_advisor', organisation: 'huadu' }, reach: { includes: () => true },
    ownAdvisorId: ADVISOR.advisorId, advisorId: undefined, now: f.clock.now, correlationId: 'between-test',
  });
  t.ok(interjected, 'the ledger moved after validation');
  t.match(summary, { status: 'completed', newRows: 1 });
  const entries = await entriesOf(f, 'huadu-xinhua-dongsha');
  t.same(entries.map((e) => e.content.date).sort(), ['2026-03-04', '2026-03-06', '2026-03-07'], 'both writes there, the imported row once');
  t.match((await f.get(`/imports/${summary.importId}`, f.tokens.advisor)).json(), { status: 'completed' });
});
