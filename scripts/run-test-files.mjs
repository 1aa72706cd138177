// Runs test files, each in its own `node --import=tsx` process, a few at a time, and reports each one
// as it ends. Used by `npm test` instead of tap's runner: each file is still a tap test (it imports
// tap, prints TAP, exits non-zero when an assertion fails or its 300 s timeout hits), but tap's runner
// cost about 3 s of CPU per file on top of the file's own (its processinfo, source maps and plugin
// loader in every child, parsing and re-rendering in the parent): some 600 s of CPU over the suite's
// ~200 files on a 2-core machine where the suite is CPU-bound. Run tap itself for its other features
// (`npm test -- --grep …` still goes through tap, see test.mjs).
import { spawn } from 'node:child_process';
import { relative } from 'node:path';

const PER_FILE_TIMEOUT_S = 300; // tap's root-test timeout inside each file (.taprc's `timeout`)
const KILL_AFTER_S = PER_FILE_TIMEOUT_S + 60; // a file that does not even end after its own timeout
const LINGER_WARNING_MS = 5_000;

/** The counts a tap file prints last, e.g. `# { total: 10, pass: 9, fail: 1, skip: 0 }`. */
function countsOf(tap) {
  const line = [...tap.matchAll(/^# \{ (total: \d+[^}]*) \}$/gm)].at(-1)?.[1];
  const counts = { total: 0, pass: 0, fail: 0, skip: 0, todo: 0 };
  for (const [, key, n] of (line ?? '').matchAll(/(\w+): (\d+)/g)) counts[key] = Number(n);
  // A file that skips itself as a whole (`1..0 # reason`, e.g. no EventStoreDB here) counts as one skip, as tap's runner counted it.
  const skippedWhole = /^1\.\.0 # (.*)$/m.exec(tap)?.[1];
  if (skippedWhole !== undefined && counts.total === 0) Object.assign(counts, { skip: 1, reason: skippedWhole });
  return counts;
}

function seconds(ms) {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function runFile(file, { root, env }) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [...(process.env.TEST_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.TEST_CPU_PROF] : []), '--import=tsx', file], {
      cwd: root,
      env: { ...env, TAP_TIMEOUT: String(PER_FILE_TIMEOUT_S) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let lastTestAt;
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      // tap prints `# time=…ms` as its very last line, once every test of the file has ended.
      if (/^# time=[\d.]+ms$/m.test(chunk)) lastTestAt = Date.now();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const killer = setTimeout(() => {
      stderr += `\n[test] ${file} still running after ${KILL_AFTER_S} s: killed\n`;
      child.kill('SIGKILL');
    }, KILL_AFTER_S * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      const ended = Date.now();
      resolve({ file, code: code ?? 1, signal, stdout, stderr, ms: ended - started, lingeredMs: lastTestAt ? ended - lastTestAt : 0, counts: countsOf(stdout) });
    });
  });
}

function report(result, root) {
  const { file, code, signal, counts, ms, lingeredMs } = result;
  const name = relative(root, file);
  const ok = code === 0 && counts.fail === 0;
  const skipped = counts.reason ? ` (skipped: ${counts.reason})` : counts.skip ? `, ${counts.skip} skipped` : '';
  const lines = [` ${ok ? 'PASS' : 'FAIL'}  ${name}  ${counts.pass} of ${counts.total} OK${skipped}  ${seconds(ms)}`];
  if (lingeredMs > LINGER_WARNING_MS) lines.push(`   note: the process ran on ${seconds(lingeredMs)} after its last test (a timer or handle left open)`);
  if (!ok) {
    lines.push(`   exit ${signal ?? code}; its TAP output:`, result.stdout.trimEnd());
  }
  const stderr = result.stderr.trimEnd();
  if (stderr) lines.push(...stderr.split('\n').map((l) => `   stderr> ${l}`));
  console.log(lines.join('\n'));
  return ok;
}

/**
 * Runs `files` (in the order given: put the longest first, so that no long file starts last and runs
 * alone at the end) with at most `jobs` at once. Resolves with every file's result.
 */
export async function runTestFiles(files, { root, env, envFor, jobs }) {
  const queue = [...files];
  const results = [];
  async function worker() {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const result = await runFile(file, { root, env: envFor ? envFor(file) : env });
      result.ok = report(result, root);
      results.push(result);
    }
  }
  await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  return results;
}

/**
 * The failed assertions of a file's TAP output, each with its diagnostic block (tap's YAML: the message,
 * `at`, found / wanted), at most `max` lines in all. Subtests' own `not ok` lines (which only say that
 * something inside failed) are kept too, so that the path to the failure reads from the outside in.
 */
export function failuresOf(tap, max = 60) {
  const lines = tap.split('\n');
  const out = [];
  for (let i = 0; i < lines.length && out.length < max; i += 1) {
    const line = lines[i] ?? '';
    if (!/^\s*not ok /.test(line)) continue;
    out.push(line.trim());
    const indent = line.length - line.trimStart().length;
    // The diagnostic block follows, two spaces deeper, between `---` and `...`.
    if ((lines[i + 1] ?? '').trim() !== '---') continue;
    // The quoted source is left out (the file and line say where), and so is a key's indented tail
    // when the key is one of those.
    let skipDeeperThan = -1;
    for (i += 2; i < lines.length && (lines[i] ?? '').trim() !== '...' && out.length < max; i += 1) {
      const diagnostic = lines[i] ?? '';
      const depth = diagnostic.length - diagnostic.trimStart().length;
      if (depth <= indent) break;
      if (skipDeeperThan >= 0 && (depth > skipDeeperThan || diagnostic.trim() === '')) continue;
      skipDeeperThan = -1;
      const key = /^\s*(\w+):/.exec(diagnostic)?.[1] ?? '';
      if (['source', 'columnNumber', 'typeName', 'isToplevel', 'methodName', 'functionName'].includes(key)) {
        skipDeeperThan = depth;
        continue;
      }
      out.push(`  ${diagnostic.trim()}`);
    }
  }
  if (out.length === 0 && /Bail out!|# failed/.test(tap)) out.push(...lines.filter((l) => /Bail out!|# failed/.test(l)).slice(0, 5));
  return out;
}

/** The summary printed at the end: counts, failed files, and the slowest files of this run. */
export function summarise(results, root) {
  const sum = (key) => results.reduce((n, r) => n + r.counts[key], 0);
  const failed = results.filter((r) => !r.ok);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 12);
  console.log(`\n[test] slowest files: ${slowest.map((r) => `${relative(root, r.file)} ${seconds(r.ms)}`).join('; ')}`);
  console.log(`[test] ${results.length} files, ${results.length - failed.length} passed, ${failed.length} failed`);
  for (const r of failed) {
    console.log(`[test]   failed: ${relative(root, r.file)}`);
    // Again at the very end, where a log cut short in the middle still shows it: what failed, and why.
    for (const line of failuresOf(r.stdout)) console.log(`[test]     ${line}`);
  }
  return { passed: sum('pass'), failed: sum('fail') + failed.filter((r) => r.counts.fail === 0).length, skipped: sum('skip'), ok: failed.length === 0 };
}
