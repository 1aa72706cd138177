// The command-line import: the same all-or-nothing import as the route, with a progress bar on stderr,
// the summary on stdout, exit codes 0 / 1 / 2.
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { runImportCli } from '../../src/cli/import.js';
import { formatProgress } from '../../src/cli/progress-bar.js';
import { ADVISOR, JWT_SECRET, advisorsFixture } from '../support/app.js';

const fixture = (name: string) => fileURLToPath(new URL(`../import/fixtures/${name}`, import.meta.url));
const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s), isTTY: false } } };
};

t.test('the progress line', async (t) => {
  t.equal(formatProgress('writing', 30_000, 100_000), '写入 writing  [███████░░░░░░░░░░░░░░░░░]  30%  30,000/100,000 rows');
});

t.test('import from the command line: imported, again nothing new, a bad file refused, usage', async (t) => {
  const f = await advisorsFixture(t);
  await f.appoint(ADVISOR, 'huadu-xinhua-dongsha');
  const env = { DATABASE_URL: f.databaseUrl, JWT_SECRET, CITY_ID: 'gz', LOG_LEVEL: 'warn' };

  const first = capture();
  t.equal(await runImportCli(['--as', 'huadu-bureau', '--advisor', ADVISOR.advisorId, fixture('good-ledger.csv')], env, first.io, f.clock.now), 0, first.err.join(''));
  t.match(first.out.join(''), /imported 5 of 5 rows/);
  t.match(first.err.join(''), /写入 writing {2}\[█{24}\] 100% {2}5\/5 rows/, 'a progress bar per phase');
  t.equal((await f.get('/villages/huadu-xinhua-dongsha/ledger/2026-03', f.tokens.office)).json().entries.length, 5);

  const again = capture();
  t.equal(await runImportCli(['--as', 'huadu-bureau', '--advisor', ADVISOR.advisorId, fixture('good-ledger.csv')], env, again.io, f.clock.now), 0);
  t.match(again.out.join(''), /nothing new/);

  const before = await f.streamRevisions();
  const bad = capture();
  t.equal(await runImportCli(['--as', 'huadu-bureau', '--advisor', ADVISOR.advisorId, fixture('bad-ledger.csv')], env, bad.io, f.clock.now), 1);
  t.match(bad.out.join(''), /第3行 \[日期\] invalid_date/);
  t.same(await f.streamRevisions(), before, 'nothing written');

  const usage = capture();
  t.equal(await runImportCli(['--as', 'huadu-bureau'], env, usage.io), 2);
  t.match(usage.err.join(''), /usage: import/);
  const nowhere = capture();
  t.equal(await runImportCli(['--as', 'no-such-bureau', fixture('good-ledger.csv')], env, nowhere.io), 2);
});
