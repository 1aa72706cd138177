// The same keyset paging over a list held in memory (a small registry read from its stream, or rows
// filtered by a rule SQL cannot state): sorted by the caller's keys, the cursor holds the keys of the row
// it points at, exactly as readPage's does, so a row added or removed meanwhile moves no page boundary.
// The keys must end in a unique one (an id), as readPage's must.
import { encodeCursor, type Cursor } from './cursor.js';
import type { Page, PageRequest } from './keyset.js';
import { cursorOf, pageLink } from './query.js';

export interface ListKey<T> {
  /** The item's value for this key, as text (the cursor carries it). */
  readonly of: (item: T) => string;
  /** How two values compare ascending; default: by code unit. A pinyin collator, or numbers, say so here. */
  readonly compare?: ((a: string, b: string) => number) | undefined;
  readonly direction: 'asc' | 'desc';
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Numbers kept as text in a cursor compare as numbers. */
export const numerically = (a: string, b: string) => Number(a) - Number(b);
const pinyinCollator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
/** Chinese names (persons, firms, villages) in pinyin order, as the bureau's registers are kept. */
export const byPinyin = (a: string, b: string) => pinyinCollator.compare(a, b);

export function pageOfList<T>(items: readonly T[], keys: readonly ListKey<T>[], request: PageRequest): Page<T> & { readonly total: number } {
  const compareKeys = (a: readonly string[], b: readonly string[]) => {
    for (const [i, key] of keys.entries()) {
      const order = (key.compare ?? byCodeUnit)(a[i] ?? '', b[i] ?? '');
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  };
  const keyed = items.map((item) => ({ item, key: keys.map((k) => k.of(item)) })).sort((a, b) => compareKeys(a.key, b.key));
  const at = request.cursor?.key;
  if (at !== undefined && at.length !== keys.length) throw new Error('A cursor of another order.');
  const backwards = request.cursor?.towards === 'previous';
  let page: typeof keyed;
  let more: boolean;
  if (at === undefined) {
    page = keyed.slice(0, request.limit);
    more = keyed.length > request.limit;
  } else if (backwards) {
    const before = keyed.filter((k) => compareKeys(k.key, at) < 0);
    page = before.slice(-request.limit);
    more = before.length > request.limit;
  } else {
    const after = keyed.filter((k) => compareKeys(k.key, at) > 0);
    page = after.slice(0, request.limit);
    more = after.length > request.limit;
  }
  const cursorAt = (row: (typeof keyed)[number] | undefined, towards: Cursor['towards']) =>
    row === undefined ? null : encodeCursor({ sort: request.sort, towards, key: row.key, asOf: request.asOf });
  // As readPage: going forward there is a previous page once a cursor was followed; going back, a next one always.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : request.cursor !== undefined;
  return {
    rows: page.map((k) => k.item),
    total: items.length,
    nextCursor: hasNext ? cursorAt(page.at(-1), 'next') : null,
    previousCursor: hasPrevious ? cursorAt(page[0], 'previous') : null,
  };
}

type ListQuery = Readonly<Record<string, string | number | boolean | undefined>> & { readonly sort: string; readonly cursor?: string | undefined; readonly limit: number };

/** A route's whole answer for a list in memory: its page of items, the total, the cursors and the links (at `path`). */
export function pagedList<T>(path: string, query: ListQuery, items: readonly T[], keys: readonly ListKey<T>[]) {
  const page = pageOfList(items, keys, { sort: query.sort, cursor: cursorOf(query), limit: query.limit });
  return { ...page, next: pageLink(path, query, page.nextCursor), previous: pageLink(path, query, page.previousCursor) };
}
