// A page's cursor: where the last page shown ended (or the first began, going back), under which sort,
// and the instant a list's time-dependent order was judged at, so every page of one walk orders alike.
// Opaque to callers (base64url JSON): they hand back what they were given.
import { z } from 'zod';

export interface Cursor {
  /** The `sort` the walk was started with: a cursor is only good for the same order. */
  readonly sort: string;
  /** `next`: rows after `key`; `previous`: rows before it. */
  readonly towards: 'next' | 'previous';
  /** The sort keys of the row it points at, as PostgreSQL's text of each. */
  readonly key: readonly string[];
  /** The instant the order was judged at on the walk's first page (lists whose order depends on now). */
  readonly asOf?: string | undefined;
}

const cursorSchema = z.strictObject({
  s: z.string().max(64),
  t: z.enum(['n', 'p']),
  k: z.array(z.string().max(200)).min(1).max(8),
  a: z.iso.datetime({ offset: true }).optional(),
});

export function encodeCursor(cursor: Cursor): string {
  const wire = { s: cursor.sort, t: cursor.towards === 'next' ? 'n' : 'p', k: cursor.key, ...(cursor.asOf ? { a: cursor.asOf } : {}) };
  return Buffer.from(JSON.stringify(wire)).toString('base64url');
}

/** undefined for anything that is not a cursor this kit wrote. */
export function decodeCursor(text: string): Cursor | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { s, t, k, a } = parsed.data;
  return { sort: s, towards: t === 'n' ? 'next' : 'previous', key: k, asOf: a };
}
