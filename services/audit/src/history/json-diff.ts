// A field-by-field diff of two states. States come from evolve, which copies only what changes: a
// subtree that is the same object on both sides is skipped at once, so a step's diff costs what it changed.

export interface FieldChange {
  /** Dotted path, array indices in brackets: review.current.dueAt, entries[2].status. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly before?: unknown;
  readonly after?: unknown;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (before === after) return;
  if (Array.isArray(before) && Array.isArray(after)) {
    const n = Math.max(before.length, after.length);
    for (let i = 0; i < n; i += 1) {
      const p = `${path}[${i}]`;
      if (i >= before.length) out.push({ path: p, change: 'added', after: after[i] });
      else if (i >= after.length) out.push({ path: p, change: 'removed', before: before[i] });
      else walk(before[i], after[i], p, out);
    }
    return;
  }
  if (isRecord(before) && isRecord(after)) {
    for (const key of Object.keys(before)) {
      if (!(key in after) || after[key] === undefined) {
        if (before[key] !== undefined) out.push({ path: join(path, key), change: 'removed', before: before[key] });
      } else {
        walk(before[key], after[key], join(path, key), out);
      }
    }
    for (const key of Object.keys(after)) {
      if ((!(key in before) || before[key] === undefined) && after[key] !== undefined) out.push({ path: join(path, key), change: 'added', after: after[key] });
    }
    return;
  }
  // Scalars (or a change of shape): equal scalars are no change.
  if (!isRecord(before) && !Array.isArray(before) && !isRecord(after) && !Array.isArray(after) && Object.is(before, after)) return;
  out.push({ path: path === '' ? '(state)' : path, change: 'changed', before, after });
}

export function diffStates(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before, after, '', out);
  return out;
}
