// The partial-name search's key: names compared as written (NFKC: full-width and compatibility forms
// folded, spaces dropped, Latin letters lower-cased), found by their first two characters (a family name
// and one more character at least, the search's minimum) in a btree that also holds the order of the
// results, so a search reads its own matches only, never the whole table.
// The name itself never leaves the database: no log line, no error text carries it.

/** The name as the search compares it. */
export function normalisedName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** The first two characters (code points) of the normalised name: the index's key; null when shorter. */
export function nameKeyOf(normalised: string): string | null {
  const chars = Array.from(normalised);
  return chars.length < 2 ? null : chars.slice(0, 2).join('');
}
