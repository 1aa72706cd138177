// The registry's persistent map: every version keeps its contents whichever is read or extended later,
// in a Map's insertion order; and folding a province-sized registry is linear, not quadratic.
import t from 'tap';
import { registryDecider, type OrganisationEvent } from '../src/registry-decider.js';
import { VersionedMap } from '../src/versioned-map.js';

const contents = <K, V>(m: ReadonlyMap<K, V>) => [...m.entries()];

t.test('older versions keep their contents, read in any order, extended from anywhere', async (t) => {
  const v0 = VersionedMap.from<string, number>([['a', 1]]);
  const v1 = v0.with('b', 2);
  const v2 = v1.with('a', 10);
  const v3 = v2.with('c', 3);
  t.same(contents(v0), [['a', 1]]);
  t.same(contents(v3), [['a', 10], ['b', 2], ['c', 3]], 'an overwrite keeps its place');
  t.same(contents(v1), [['a', 1], ['b', 2]]);
  t.equal(v2.get('a'), 10);
  t.equal(v2.has('c'), false);
  t.equal(v0.size, 1);
  t.equal(v3.size, 3);
  // A branch from an old version leaves the other line as it was.
  const branch = v1.with('d', 4);
  t.same(contents(branch), [['a', 1], ['b', 2], ['d', 4]]);
  t.same(contents(v3), [['a', 10], ['b', 2], ['c', 3]]);
  t.same(contents(v0), [['a', 1]]);
  t.same(contents(branch.with('b', 20)), [['a', 1], ['b', 20], ['d', 4]]);
  t.equal(branch.get('b'), 2);
  const seen: string[] = [];
  v3.forEach((value, key, map) => seen.push(`${key}=${value}:${map === v3}`));
  t.same(seen, ['a=10:true', 'b=2:true', 'c=3:true']);
  t.same([...v2], [['a', 10], ['b', 2]], 'iterable as a Map is');
  t.same([...v2.keys()], ['a', 'b']);
  t.same([...v2.values()], [10, 2]);
});

t.test('an iterator yields its version even when another version is read meanwhile', async (t) => {
  const v0 = VersionedMap.from<string, number>();
  const v1 = v0.with('a', 1).with('b', 2);
  const iterator = v1.keys();
  t.equal(v0.size, 0);
  t.same([...iterator], ['a', 'b']);
});

t.test('random operations agree with copied Maps', async (t) => {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const versions: { persistent: VersionedMap<number, number>; copy: Map<number, number> }[] = [{ persistent: VersionedMap.from(), copy: new Map() }];
  for (let i = 0; i < 2000; i += 1) {
    const from = versions[next() % versions.length]!;
    const key = next() % 50;
    const value = next() % 1000;
    const copy = new Map(from.copy);
    copy.set(key, value);
    versions.push({ persistent: from.persistent.with(key, value), copy });
  }
  let agree = 0;
  for (let i = 0; i < 500; i += 1) {
    const v = versions[next() % versions.length]!;
    if (JSON.stringify(contents(v.persistent)) === JSON.stringify(contents(v.copy))) agree += 1;
  }
  t.equal(agree, 500, 'every version read at random is its copy');
});

t.test('folding a province-sized registry (21,000 organisations) is linear', async (t) => {
  const events: OrganisationEvent[] = [{ type: 'OrganisationRegistered', data: { id: 'city', kind: 'city', name: '市', parentId: null, by: 'seed', at: '2025-01-01T00:00:00Z' } }];
  for (let i = 0; i < 21_000; i += 1) events.push({ type: 'OrganisationRegistered', data: { id: `v${i}`, kind: 'district', name: `区${i}`, parentId: 'city', by: 'seed', at: '2025-01-01T00:00:00Z' } });
  events.push({ type: 'OrganisationRenamed', data: { id: 'v5', name: '新名', by: 'seed', at: '2025-01-02T00:00:00Z' } });
  events.push({ type: 'OrganisationClosed', data: { id: 'v6', reason: '撤并', by: 'seed', at: '2025-01-02T00:00:00Z' } });
  const started = performance.now();
  const states = [registryDecider.initialState()];
  for (const e of events) states.push(registryDecider.evolve(states[states.length - 1]!, e));
  const ms = performance.now() - started;
  const last = states[states.length - 1]!;
  t.equal(last.organisations.size, 21_001);
  t.match(last.organisations.get('v5'), { name: '新名', closed: false });
  t.match(last.organisations.get('v6'), { name: '区6', closed: true });
  t.equal(states[100]!.organisations.size, 100, 'an early state keeps its 100');
  t.equal(states[100]!.organisations.get('v5')?.name, '区5');
  t.equal(last.organisations.size, 21_001, 'and the last its 21,001 after');
  // Copying the map per event took minutes here; linear takes well under a second even on a busy machine.
  t.ok(ms < 5_000, `folded in ${Math.round(ms)} ms`);
});
