// The import's progress line on stderr, redrawn in place on a terminal (a line per phase otherwise):
// `writing [██████░░░░░░░░░░░░░░]  30%  30,000/100,000 rows`.
import type { ImportPhase } from '../commands/import-ledger-file.js';

const WIDTH = 24;
const units: Record<ImportPhase, string> = { reading: 'file', checking: 'ledgers', writing: 'rows', done: '' };
const names: Record<ImportPhase, string> = { reading: '读取 reading ', checking: '校验 checking', writing: '写入 writing ', done: '完成 done    ' };

export function formatProgress(phase: ImportPhase, done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  return `${names[phase]} [${bar}] ${String(Math.round(share * 100)).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${units[phase]}`.trimEnd();
}

export function progressBar(out: { write(text: string): unknown; isTTY?: boolean }, everyMs = 100) {
  let last = 0;
  let lastPhase: ImportPhase | undefined;
  return (phase: ImportPhase, done: number, total: number) => {
    const now = Date.now();
    const phaseChanged = phase !== lastPhase;
    if (!phaseChanged && done < total && now - last < everyMs) return;
    last = now;
    const line = formatProgress(phase, done, total);
    if (out.isTTY) out.write(`${phaseChanged && lastPhase ? '\n' : '\r'}${line}${phase === 'done' ? '\n' : ''}`);
    else if (phaseChanged || done >= total) out.write(`${line}\n`);
    lastPhase = phase;
  };
}
