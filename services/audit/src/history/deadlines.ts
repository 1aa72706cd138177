// What was due in a state: every field the owning service's state names as a due time (…DueAt, dueAt,
// …EndsAt), found by name, so no deadline rule is restated here: the times are the service's own.
export interface DueItem {
  /** Where in the state: replyDueAt, review.current.dueAt. */
  readonly path: string;
  readonly dueAt: string;
  /** Whether it had passed at the moment asked about. */
  readonly passed: boolean;
}

const DUE_KEY = /(^dueAt$|DueAt$|EndsAt$)/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function dueItemsOf(state: unknown, at: Date): DueItem[] {
  const out: DueItem[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (isRecord(v)) {
      for (const [key, inner] of Object.entries(v)) {
        const p = path === '' ? key : `${path}.${key}`;
        if (DUE_KEY.test(key) && typeof inner === 'string' && !Number.isNaN(Date.parse(inner))) {
          out.push({ path: p, dueAt: inner, passed: Date.parse(inner) <= at.getTime() });
        } else walk(inner, p);
      }
    }
  };
  walk(state, '');
  return out;
}
