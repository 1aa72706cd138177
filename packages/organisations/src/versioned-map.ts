// A persistent map for the registry's state: `with(key, value)` gives a new version in O(1) and every
// older version keeps its contents. evolve copied the whole Map for each event, so folding a registry
// of n organisations cost O(n²): a province's 21,000 (the year generator's 100x) took six minutes,
// and every service paid it again whenever it re-read its registry.
//
// How (Baker's rerooting, as in Conchon and Filliâtre's persistent arrays): one Map is shared by all
// versions; the version that owns it (the root) reads it directly, every other version is a chain of
// one-binding differences leading to the root. Reading an older version first re-roots the chain on it
// (undoing the differences in place, so the cost is the distance between the versions read), which is
// free for the common use: always the newest. Iteration order is a Map's (insertion order), and is the
// same for every version whichever was re-rooted last.
type Node<K, V> =
  | { readonly root: true; readonly map: Map<K, V> }
  | { readonly root: false; readonly key: K; readonly had: boolean; readonly value: V | undefined; readonly next: VersionedMap<K, V> };

export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  #node: Node<K, V>;

  private constructor(node: Node<K, V>) {
    this.#node = node;
  }

  static from<K, V>(entries: Iterable<readonly [K, V]> = []): VersionedMap<K, V> {
    return new VersionedMap<K, V>({ root: true, map: new Map(entries) });
  }

  /** A new version with `key` bound to `value`; this one is unchanged. */
  with(key: K, value: V): VersionedMap<K, V> {
    const map = this.#reroot();
    const next = new VersionedMap<K, V>({ root: true, map });
    this.#node = { root: false, key, had: map.has(key), value: map.get(key), next };
    map.set(key, value);
    return next;
  }

  /** Makes this version the owner of the shared map, undoing the differences on the way; returns the map. */
  #reroot(): Map<K, V> {
    if (this.#node.root) return this.#node.map;
    const path: VersionedMap<K, V>[] = [];
    let at: VersionedMap<K, V> = this;
    while (!at.#node.root) {
      path.push(at);
      at = at.#node.next;
    }
    const map = at.#node.map;
    let root = at;
    for (let i = path.length - 1; i >= 0; i -= 1) {
      const version = path[i]!;
      const diff = version.#node;
      if (diff.root) throw new Error('VersionedMap: a re-rooting path crossed a root');
      // The old root keeps what it sees now, as a difference from `version`, which takes the map.
      root.#node = { root: false, key: diff.key, had: map.has(diff.key), value: map.get(diff.key), next: version };
      if (diff.had) map.set(diff.key, diff.value as V);
      else map.delete(diff.key);
      version.#node = { root: true, map };
      root = version;
    }
    return map;
  }

  get size(): number {
    return this.#reroot().size;
  }

  get(key: K): V | undefined {
    return this.#reroot().get(key);
  }

  has(key: K): boolean {
    return this.#reroot().has(key);
  }

  // Iterators run over a copy: re-rooting another version meanwhile must not change what they yield.
  entries(): MapIterator<[K, V]> {
    return new Map(this.#reroot()).entries();
  }

  keys(): MapIterator<K> {
    return new Map(this.#reroot()).keys();
  }

  values(): MapIterator<V> {
    return new Map(this.#reroot()).values();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}
