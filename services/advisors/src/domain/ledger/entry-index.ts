// An index of a ledger's entries, so that "is this entry id there?" and "is the same service (advisor, date,
// type, start) there?" are map lookups instead of scans of the month (an import decides hundreds of rows on
// one ledger: a scan per row made that quadratic). Not part of the state's data: kept beside an entries
// array in a WeakMap, never serialised, rebuilt from the array when missing (a state read back as JSON).
//
// Entries are only ever appended, and an entry keeps its position for good (corrections, returns and voids
// replace it at the same position in a new array), so one index serves an array and every array evolved
// from it: `evolveLedger` registers each new entry (and each corrected content's identity) in the index of
// the array it evolved from and hands that index to the new array. A candidate from the index is always
// checked against the array it is asked about (the entry at that position, its id, status and identity),
// so an index shared with another branch of states can offer extra candidates but never miss one.
import type { EntryContent } from './events.js';
import type { LedgerEntry, LedgerMonthState, StandingEntry } from './state.js';

type Identity = Pick<EntryContent, 'advisorId' | 'date' | 'type' | 'startTime'>;

interface EntryIndex {
  readonly byId: Map<string, number>;
  readonly byIdentity: Map<string, number[]>;
}

const indexes = new WeakMap<readonly LedgerEntry[], EntryIndex>();

export const identityKey = (c: Identity) => `${c.advisorId}\u0000${c.date}\u0000${c.type}\u0000${c.startTime ?? ''}`;

function addIdentity(index: EntryIndex, content: Identity, position: number): void {
  const key = identityKey(content);
  const positions = index.byIdentity.get(key);
  if (!positions) index.byIdentity.set(key, [position]);
  else if (!positions.includes(position)) positions.push(position);
}

function indexOf(entries: readonly LedgerEntry[]): EntryIndex {
  let index = indexes.get(entries);
  if (!index) {
    index = { byId: new Map(), byIdentity: new Map() };
    entries.forEach((e, position) => {
      index!.byId.set(e.entryId, position);
      for (const h of e.history) if ('content' in h) addIdentity(index!, h.content, position);
    });
    indexes.set(entries, index);
  }
  return index;
}

/** The entry with this id, if any. */
export function indexedEntry(entries: readonly LedgerEntry[], entryId: string): LedgerEntry | undefined {
  const position = indexOf(entries).byId.get(entryId);
  const entry = position === undefined ? undefined : entries[position];
  return entry?.entryId === entryId ? entry : undefined;
}

/** The standing entries with the same identity (advisor, date, type, start) as `content`. */
export function standingTwins(state: LedgerMonthState, content: Identity): StandingEntry[] {
  if (state.status === 'unopened') return [];
  const key = identityKey(content);
  const found: StandingEntry[] = [];
  for (const position of indexOf(state.entries).byIdentity.get(key) ?? []) {
    const e = state.entries[position];
    if (e && e.status === 'standing' && identityKey(e.content) === key && !found.includes(e)) found.push(e);
  }
  return found;
}

/** `next` is `previous` with an entry appended (or one replaced with new content): one index for both. */
export function carryIndex(previous: readonly LedgerEntry[], next: readonly LedgerEntry[], changedPosition: number): void {
  const index = indexes.get(previous);
  if (!index) return; // built when first asked
  const entry = next[changedPosition];
  if (entry) {
    index.byId.set(entry.entryId, changedPosition);
    addIdentity(index, entry.content, changedPosition);
  }
  indexes.set(next, index);
}
