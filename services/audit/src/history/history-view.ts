// What an auditor is shown of a case: each event with who, when (acted and recorded), its hash, and the
// state after it, as the change from the state before (or whole, on request); a past moment; two points.
import { readEnvelope, type Actor } from '@bureau/event-store';
import type { ReplayStep } from '../cases/case-kind.js';
import { dueItemsOf, type DueItem } from './deadlines.js';
import { diffStates, type FieldChange } from './json-diff.js';
import type { OpenedCase } from './read-case.js';

/** Masks personal data (or not) in whatever is shown. */
export type Show = (value: unknown) => unknown;

export interface HistoryEntry {
  readonly revision: string;
  readonly type: string;
  readonly storedSchemaVersion: number;
  readonly actor: Actor | null;
  /** When it happened in the domain (the envelope's occurredAt). */
  readonly occurredAt: string | null;
  /** When the store committed it. */
  readonly recordedAt: string;
  readonly hash: string;
  /** The event as the owning service reads it today (upcast from its stored version). */
  readonly data: unknown;
  /** The state after it, field by field against the state before. */
  readonly changes: FieldChange[];
  /** The whole state after it (only with state=full). */
  readonly state?: unknown;
}

function entryOf(step: ReplayStep, before: unknown, full: boolean, show: Show): HistoryEntry {
  const envelope = readEnvelope(step.recorded.metadata);
  const changes = diffStates(before, step.state).map((c) => ({
    path: c.path,
    change: c.change,
    ...(c.before !== undefined ? { before: show(c.before) } : {}),
    ...(c.after !== undefined ? { after: show(c.after) } : {}),
  }));
  return {
    revision: step.recorded.revision.toString(),
    type: step.recorded.type,
    storedSchemaVersion: step.storedVersion,
    actor: envelope?.actor ?? null,
    occurredAt: envelope?.occurredAt ?? null,
    recordedAt: step.recorded.recordedAt.toISOString(),
    hash: step.recorded.hash,
    data: show(step.event.data),
    changes,
    ...(full ? { state: show(step.state) } : {}),
  };
}

export interface HistoryPage {
  readonly entries: HistoryEntry[];
  readonly totalEvents: number;
  /** The revision to ask for next, or null at the end. */
  readonly nextFromRevision: string | null;
}

export function historyPage(opened: OpenedCase, fromRevision: number, limit: number, full: boolean, show: Show, initial: unknown): HistoryPage {
  const { steps } = opened;
  const slice = steps.slice(fromRevision, fromRevision + limit);
  const entries = slice.map((step, i) => {
    const index = fromRevision + i;
    const before = index === 0 ? initial : steps[index - 1]?.state;
    return entryOf(step, before, full, show);
  });
  const next = fromRevision + limit;
  return { entries, totalEvents: steps.length, nextFromRevision: next < steps.length ? String(next) : null };
}

/** The index of the last step recorded at or before `at`, or -1 when the case did not exist yet. */
export function indexAsOf(steps: readonly ReplayStep[], at: Date): number {
  let found = -1;
  steps.forEach((s, i) => {
    if (s.recorded.recordedAt.getTime() <= at.getTime()) found = i;
  });
  return found;
}

export interface AsOfView {
  readonly at: string;
  /** The last event the record held then, or null before the case existed. */
  readonly revision: string | null;
  readonly state: unknown;
  /** The deadlines the case had then, and whether each had passed. */
  readonly due: DueItem[];
}

export function asOf(opened: OpenedCase, at: Date, show: Show, initial: unknown): AsOfView {
  const index = indexAsOf(opened.steps, at);
  const state = index < 0 ? initial : opened.steps[index]?.state;
  return {
    at: at.toISOString(),
    revision: index < 0 ? null : String(index),
    state: show(state),
    due: dueItemsOf(state, at),
  };
}

export interface DiffView {
  /** -1: before the first event. */
  readonly fromRevision: string;
  readonly toRevision: string;
  readonly changes: FieldChange[];
  /** The events between the two points (after `from`, up to and including `to`). */
  readonly events: { readonly revision: string; readonly type: string }[];
}

export function diffBetween(opened: OpenedCase, from: number, to: number, show: Show, initial: unknown): DiffView {
  const stateAt = (i: number) => (i < 0 ? initial : opened.steps[i]?.state);
  const changes = diffStates(stateAt(from), stateAt(to)).map((c) => ({
    path: c.path,
    change: c.change,
    ...(c.before !== undefined ? { before: show(c.before) } : {}),
    ...(c.after !== undefined ? { after: show(c.after) } : {}),
  }));
  const events = opened.steps.slice(from + 1, to + 1).map((s) => ({ revision: s.recorded.revision.toString(), type: s.recorded.type }));
  return { fromRevision: String(from), toRevision: String(to), changes, events };
}
