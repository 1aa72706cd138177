// The shared shape of every measured phase: `concurrency` loops calling `operation` for `seconds`.
import { randomUUID } from 'node:crypto';
import type { Json, JsonObject } from '../src/index.js';

export const CONCURRENCY = 16;
export const STREAMS = 1000;

export interface PhaseResult {
  readonly operations: number;
  readonly seconds: number;
  readonly perSecond: number;
}

/** Runs `operation(n, loop)` with n = 0, 1, 2… from `concurrency` loops until `seconds` have passed. */
export async function runFor(seconds: number, operation: (n: number, loop: number) => Promise<unknown>, concurrency = CONCURRENCY): Promise<PhaseResult> {
  let next = 0;
  let done = 0;
  const started = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (Date.now() < deadline) {
        await operation(next++, loop);
        done += 1;
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { operations: done, seconds: elapsed, perSecond: done / elapsed };
}

/**
 * Runs each contender for `seconds` in total, in `rounds` short turns taken in rotation, so that load
 * from other work on the machine falls on every contender alike rather than on whichever ran when it
 * peaked. Returns each contender's totals.
 */
export async function interleaved(
  seconds: number,
  rounds: number,
  contenders: Record<string, (n: number, loop: number) => Promise<unknown>>,
): Promise<Record<string, PhaseResult>> {
  const totals: Record<string, { operations: number; seconds: number }> = {};
  const counters: Record<string, number> = {};
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, operation] of Object.entries(contenders)) {
      const base = counters[name] ?? 0;
      const r = await runFor(seconds / rounds, (n, loop) => operation(base + n, loop));
      counters[name] = base + r.operations + CONCURRENCY;
      const t = totals[name] ?? { operations: 0, seconds: 0 };
      totals[name] = { operations: t.operations + r.operations, seconds: t.seconds + r.seconds };
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([name, t]) => [name, { ...t, perSecond: t.operations / t.seconds }]));
}

/** A work-order-like event: a few ids, a category, a short note; metadata as the envelope carries. */
export function sampleData(n: number): JsonObject {
  return { workOrderId: `WO-${n}`, category: 'consultation', handler: 'centre-01', note: `handling note ${n} `.padEnd(120, '.'), dueInWorkingDays: 2 };
}

export function sampleMetadata(): JsonObject {
  return {
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { id: 'clerk-7', role: 'intake_clerk', organisation: 'district-centre' },
    occurredAt: new Date().toISOString(),
    schemaVersion: 1,
  };
}

export function streamFor(prefix: string, n: number): string {
  return `${prefix}-${n % STREAMS}`;
}

export type { Json };

/** Runs `operation(n)` for n = 0 … count-1 from `concurrency` loops (untimed set-up work). */
export async function forEachConcurrently(count: number, operation: (n: number) => Promise<unknown>, concurrency = CONCURRENCY): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await operation(next++);
    }),
  );
}
