// The bulk import of today's ledgers: a good file becomes one LogService per row; a file with any bad row
// becomes every error (row number, column header, rule) and no command at all; re-importing writes nothing twice.
import { readFileSync } from 'node:fs';
import t from 'tap';
import { AdvisorRuleBroken, decideLedger, foldLedger, type LedgerEvent, type LogService } from '../../src/domain/index.js';
import { formatImportErrors, parseLedgerSheet, readCsv, type LedgerSheetOptions } from '../../src/import/index.js';
import { chen, ledgerContext, village } from '../domain/support/fixtures.js';

const fixture = (name: string) => {
  const result = readCsv(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
  if (!result.ok) throw new Error(`fixture ${name}: ${result.rule}`);
  return result.rows;
};
const options: LedgerSheetOptions = {
  today: '2026-03-20',
  villageIdOf: (name) => (name === '东沙村' ? village.villageId : undefined),
  advisorId: chen,
};
const commandsOf = (rows: string[][], opts = options): LogService[] => {
  const result = parseLedgerSheet(rows, opts);
  if (!result.ok) throw new Error(formatImportErrors(result.errors));
  return result.commands;
};

t.test('given the good sample (BOM, CRLF, quotes, four date shapes, blank trailing rows), then one command per row', async (t) => {
  const commands = commandsOf(fixture('good-ledger.csv'));
  t.equal(commands.length, 5, 'the blank trailing rows are skipped');
  t.strictSame(commands.map((c) => c.data.date), ['2026-03-05', '2026-03-06', '2026-03-09', '2026-03-13', '2026-03-10']);
  t.strictSame(commands.map((c) => c.data.type), ['on_site_duty', 'consultation', 'mediation', 'lecture', 'review']);
  t.strictSame(commands.map((c) => c.data.reviewSubject), [null, null, null, null, 'contract'], '审查合同: a review of a contract');
  t.strictSame(commands.map((c) => c.data.durationMinutes), [240, 90, 90, 120, 60]);
  t.strictSame(commands.map((c) => c.data.mode), ['on_site', 'on_site', 'on_site', 'on_site', 'remote']);
  t.strictSame(commands[1]?.data.personsServed, [{ name: '王五', phone: '13800000001' }, { name: '赵六', phone: '13800000002' }]);
  t.equal(commands[1]?.data.summary, '土地承包合同纠纷，咨询续约');
  t.equal(commands[2]?.data.summary, '邻里宅基地纠纷调解\n当场达成协议', 'a line end inside quotes is kept');
  t.equal(commands[3]?.data.summary, '讲解"民法典"婚姻家庭编');
  t.strictSame(commands.map((c) => c.data.startTime), ['09:00', '14:00', null, '19:30', null]);
  t.ok(commands.every((c) => c.data.villageId === village.villageId && c.data.advisorId === chen));
});

t.test('given the bad sample, then every bad row is reported by row, column and rule, and nothing is accepted', async (t) => {
  const result = parseLedgerSheet(fixture('bad-ledger.csv'), options);
  t.equal(result.ok, false);
  t.notOk('commands' in result, 'no command at all: the good row 2 is not half-imported');
  const errors = result.ok ? [] : result.errors.map((e) => [e.row, e.column, e.rule]);
  t.strictSame(errors, [
    [3, '日期', 'invalid_date'],
    [4, '村(社区)', 'unknown_village'],
    [4, '服务类型', 'unknown_service_type'],
    [4, '时长(小时)', 'invalid_duration'],
    [4, '驻点/线上', 'invalid_mode'],
    [4, '内容摘要', 'required'],
    [4, '联系电话', 'invalid_phone'],
    [5, '时长(小时)', 'invalid_duration'],
    [5, '驻点/线上', 'duty_must_be_on_site'],
    [6, '联系电话', 'persons_phones_mismatch'],
  ]);
  const text = result.ok ? '' : formatImportErrors(result.errors);
  t.match(text, /第3行 \[日期\] invalid_date: 日期无法识别/, 'a line a person can fix the file from');
});

const header = ['日期', '村(社区)', '服务类型', '时长(小时)', '驻点/线上', '服务对象', '联系电话', '内容摘要'];
const row = (over: Partial<Record<string, string>> = {}) => header.map((h) => over[h] ?? ({ 日期: '2026-03-05', '村(社区)': '东沙村', 服务类型: '咨询', '时长(小时)': '1', '驻点/线上': '驻点', 服务对象: '王五', 联系电话: '13800000001', 内容摘要: '咨询' } as Record<string, string>)[h]!);

t.test('a missing required column is one error on the header row, and no row is read', async (t) => {
  const result = parseLedgerSheet([header.filter((h) => h !== '日期'), row().slice(1)], options);
  t.strictSame(result.ok ? [] : result.errors.map((e) => [e.row, e.column, e.rule]), [[1, '日期', 'missing_column']]);
});

t.test('a column given twice (村(社区) and 村（社区）) is an error on the header row', async (t) => {
  const result = parseLedgerSheet([[...header, '村（社区）'], [...row(), '东沙村']], options);
  t.strictSame(result.ok ? [] : result.errors.map((e) => [e.row, e.column, e.rule]), [[1, '村(社区)', 'duplicate_column']]);
});

t.test('an empty file, or a header alone, is refused', async (t) => {
  t.match(parseLedgerSheet([], options), { ok: false, errors: [{ rule: 'empty_file' }] });
  t.match(parseLedgerSheet([header, ['', '']], options), { ok: false, errors: [{ rule: 'empty_file' }] });
});

t.test('a file without a 法律顾问 column needs the advisor given; with it, each row names its advisor', async (t) => {
  const { advisorId, ...withoutAdvisor } = options;
  void advisorId;
  t.match(parseLedgerSheet([header, row()], withoutAdvisor), { ok: false, errors: [{ row: 1, rule: 'advisor_required' }] });
  const withColumn = [[...header, '法律顾问'], [...row(), '陈明'], [...row({ 日期: '2026-03-06' }), '无名氏']];
  const result = parseLedgerSheet(withColumn, { ...withoutAdvisor, advisorIdOf: (name) => (name === '陈明' ? chen : undefined) });
  t.strictSame(result.ok ? [] : result.errors.map((e) => [e.row, e.column, e.rule]), [[3, '法律顾问', 'unknown_advisor']]);
});

t.test('a future date, and an application id on a type that is not a referral, are refused', async (t) => {
  const rows = [[...header, '法援申请编号'], [...row({ 日期: '2026-03-21' }), ''], [...row(), 'LA-1'], [...row({ 服务类型: '法援转介', 日期: '2026-03-07' }), 'LA-2']];
  const result = parseLedgerSheet(rows, options);
  t.strictSame(result.ok ? [] : result.errors.map((e) => [e.row, e.column, e.rule]), [
    [2, '日期', 'service_in_future'],
    [3, '法援申请编号', 'application_id_only_for_referral'],
  ]);
});

t.test('two rows of one file for the same service with different content are reported; identical ones are not', async (t) => {
  const result = parseLedgerSheet([header, row(), row({ 内容摘要: '另一件事' })], options);
  t.match(result, { ok: false, errors: [{ row: 3, rule: 'duplicate_in_file' }] });
  t.equal(commandsOf([header, row(), row()]).length, 2, 'identical rows: the ledger records the second as already logged');
});

t.test('imported into the ledger: each row logged once; the same file again writes nothing; a changed row is a difference', async (t) => {
  const commands = commandsOf(fixture('good-ledger.csv'));
  const context = ledgerContext('2026-03-20 12:00', { appointments: [{ appointmentId: 'appt-chen-2026', advisorId: chen, villageId: village.villageId, from: '2026-01-01', to: '2026-12-31', endedOn: null, endReason: null }] });
  let history: LedgerEvent[] = [];
  for (const command of commands) history = [...history, ...decideLedger(command, foldLedger(history), context)];
  t.equal(history.filter((e) => e.type === 'ServiceLogged').length, 5);
  const again = commandsOf(fixture('good-ledger.csv')).flatMap((command) => decideLedger(command, foldLedger(history), context));
  t.strictSame(again, [], 'the same file imported again writes nothing');
  const changedRows = fixture('good-ledger.csv').map((r, i) => (i === 1 ? r.map((c, j) => (j === 3 ? '5' : c)) : r));
  const changed = commandsOf(changedRows)[0]!;
  try {
    decideLedger(changed, foldLedger(history), context);
    t.fail('a changed row must not be logged as a second service');
  } catch (error) {
    t.equal(error instanceof AdvisorRuleBroken && error.rule, 'duplicate_entry_differs', 'reported as a difference');
  }
});
