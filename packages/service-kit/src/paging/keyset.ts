// Keyset paging (seek method): a page is the rows after (or before) the cursor's row in a total order,
// found by the index that orders them, so page 100 costs what page 1 does and rows written meanwhile
// neither repeat nor vanish between pages. The caller's keys must end in a unique one and never be NULL
// (COALESCE them): the comparison below is plain SQL ordering.
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import { encodeCursor, type Cursor } from './cursor.js';

export type KeyType = 'text' | 'uuid' | 'timestamptz' | 'boolean' | 'integer';

export interface SortKey {
  readonly value: Expression<unknown> | RawBuilder<unknown>;
  /** How the cursor's text of the value is read back. */
  readonly type: KeyType;
  readonly direction: 'asc' | 'desc';
}

export interface Page<R> {
  readonly rows: R[];
  readonly nextCursor: string | null;
  readonly previousCursor: string | null;
}

export interface PageRequest {
  readonly sort: string;
  readonly cursor: Cursor | undefined;
  readonly limit: number;
  /** Kept in the cursors handed out (lists whose order depends on now judge every page at the first's instant). */
  readonly asOf?: string | undefined;
}

const keyAlias = (i: number) => `page_key_${i}`;

// The builder is taken loosely typed inside: the keys added to the selection are this module's own,
// stripped again before the rows go back as the caller's type.
type AnySelect = SelectQueryBuilder<any, any, any>;

export async function readPage<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, keys: readonly SortKey[], request: PageRequest): Promise<Page<O>> {
  const backwards = request.cursor?.towards === 'previous';
  const direction = (key: SortKey) => ((key.direction === 'asc') !== backwards ? 'asc' : 'desc');
  let q: AnySelect = query as AnySelect;
  q = q.select(keys.map((key, i) => sql<string>`(${key.value})::text`.as(keyAlias(i))));
  const at = request.cursor?.key;
  if (at !== undefined) {
    if (at.length !== keys.length) throw new Error('A cursor of another order.');
    const value = (i: number, key: SortKey) => sql`${at[i]}::${sql.raw(key.type)}`;
    // (k1 > v1) OR (k1 = v1 AND k2 > v2) OR …, each comparison in its key's direction.
    const beyond = keys.map((key, i) => sql.join(
      [...keys.slice(0, i).map((k, j) => sql`(${k.value}) = ${value(j, k)}`), sql`(${key.value}) ${sql.raw(direction(key) === 'asc' ? '>' : '<')} ${value(i, key)}`],
      sql` AND `,
    ));
    q = q.where(sql<boolean>`(${sql.join(beyond.map((b) => sql`(${b})`), sql` OR `)})`);
  }
  for (const key of keys) q = q.orderBy(sql`${key.value} ${sql.raw(direction(key))}`);
  const fetched: Record<string, unknown>[] = await q.limit(request.limit + 1).execute();
  const more = fetched.length > request.limit;
  const page = fetched.slice(0, request.limit);
  if (backwards) page.reverse();
  const cursorAt = (row: Record<string, unknown> | undefined, towards: Cursor['towards']) =>
    row === undefined ? null : encodeCursor({ sort: request.sort, towards, key: keys.map((_, i) => String(row[keyAlias(i)])), asOf: request.asOf });
  // Going forward there is a previous page once a cursor was followed; going back, a next one always.
  const hasNext = backwards ? true : more;
  const hasPrevious = backwards ? more : request.cursor !== undefined;
  const rows = page.map((row) => {
    const shown = { ...row };
    keys.forEach((_, i) => delete shown[keyAlias(i)]);
    return shown as O;
  });
  return {
    rows,
    nextCursor: hasNext ? cursorAt(page.at(-1), 'next') : null,
    previousCursor: hasPrevious ? cursorAt(page[0], 'previous') : null,
  };
}
