// The rebuild's progress line on stderr: events done / estimated total, rate, ETA. Redrawn in place on
// a terminal, one line at a time otherwise (logs, tests).
import type { RebuildProgress } from '../rebuild.js';

const WIDTH = 24;

const count = (n: number) => Math.round(n).toLocaleString('en-US');

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** One rendering; total and ETA come from the share of the log covered (an estimate, hence "~"). */
export function formatProgress(p: RebuildProgress): string {
  const fraction = p.fraction ?? 0;
  const filled = Math.round(fraction * WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.eventsThisRun / seconds : 0;
  const total = fraction > 0 ? p.eventsDone / fraction : undefined;
  const remaining = total === undefined ? Number.NaN : Math.max(0, total - p.eventsDone);
  const eta = rate > 0 ? remaining / rate : Number.NaN;
  return `${p.projection} g${p.generation} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${count(p.eventsDone)}/${total === undefined ? '?' : `~${count(total)}`} events  ${count(rate)} ev/s  ETA ${duration(eta)}`;
}

export class ProgressBar {
  private last = 0;
  private lastLine = '';

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly everyMs: number,
  ) {}

  update(progress: RebuildProgress, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < this.everyMs) return;
    const line = formatProgress(progress);
    if (line === this.lastLine) return;
    this.last = now;
    this.lastLine = line;
    if (this.out.isTTY) this.out.write(`\r${this.lastLine}\u001b[K`);
    else this.out.write(`${this.lastLine}\n`);
  }

  done(message: string): void {
    this.out.write(`${this.out.isTTY && this.lastLine ? '\n' : ''}${message}\n`);
  }
}
