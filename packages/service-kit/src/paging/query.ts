// The query string every paged list takes: `sort` from the list's own whitelist (a field, `-field` for
// descending), the `cursor` a previous page handed out, `limit`. And the links to the next page.
import { z } from 'zod';
import { HttpProblem, problemTypes } from '../http/problem.js';
import { decodeCursor, type Cursor } from './cursor.js';

export type SortParam<F extends string> = F | `-${F}`;

/** What every page answers beside its entries: the count of them all and the way on and back. */
export function pageFields(what: string) {
  return {
    total: z.number().describe(`Every ${what} the query selects within the caller's reach (all pages).`),
    nextCursor: z.string().nullable(),
    previousCursor: z.string().nullable(),
    next: z.string().nullable().describe("The next page's address (the same query with its cursor), null on the last."),
    previous: z.string().nullable().describe("The previous page's address, null on the first."),
  };
}

/** `sort`, `cursor` and `limit` for a list sortable by `fields` (each ascending, or descending with `-`). */
export function pagingQuery<const F extends string>(fields: readonly [F, ...F[]], defaultSort: SortParam<F>, limits: { readonly default: number; readonly max: number } = { default: 50, max: 200 }) {
  const sorts = fields.flatMap((f) => [f, `-${f}`]) as [SortParam<F>, ...SortParam<F>[]];
  return {
    // The enum has checked it: the cast only tells TypeScript what the enum of a generic list holds.
    sort: z.enum(sorts).optional().transform((sort) => (sort ?? defaultSort) as SortParam<F>).describe(`One of: ${sorts.join(', ')} (a leading - sorts descending); default ${defaultSort}.`),
    cursor: z.string().min(1).max(2000).optional().describe('nextCursor or previousCursor of a page of this list, with the same sort and filters.'),
    limit: z.coerce.number().int().min(1).max(limits.max).default(limits.default),
  };
}

export function sortField<F extends string>(sort: SortParam<F>): { readonly field: F; readonly direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { field: sort.slice(1) as F, direction: 'desc' } : { field: sort as F, direction: 'asc' };
}

/** The cursor of the query, checked: a 400 naming `querystring.cursor` for one not ours or of another sort. */
export function cursorOf(query: { readonly cursor?: string | undefined; readonly sort: string }): Cursor | undefined {
  if (query.cursor === undefined) return undefined;
  const cursor = decodeCursor(query.cursor);
  const rule = cursor === undefined ? 'cursor' : cursor.sort !== query.sort ? 'cursor_sort' : undefined;
  if (rule === undefined) return cursor;
  const message = rule === 'cursor' ? 'is not a cursor of this list' : `belongs to another sort (${cursor?.sort ?? ''}): start again without it`;
  throw new HttpProblem(400, 'Bad Request', problemTypes.validation, `The cursor ${message}.`, { errors: [{ field: 'querystring.cursor', rule, message }] });
}

/** The address of the page a cursor points at: the same query (filters, sort, limit) with that cursor. */
export function pageLink(path: string, query: Readonly<Record<string, string | number | boolean | undefined>>, cursor: string | null): string | null {
  if (cursor === null) return null;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    // `after` is a read-your-writes position: a later page need not wait for it again.
    if (value !== undefined && name !== 'cursor' && name !== 'after') params.set(name, String(value));
  }
  params.set('cursor', cursor);
  return `${path}?${params}`;
}
