// Given / when / then over the registry's decider, and the scopes computed from it.
import t from 'tap';
import { foldEvents } from '@bureau/service-kit/domain';
import { isWithin, organisationsWithin, reachOf, districtOf, registryDecider, registryReachResolver } from '../src/index.js';
import { register, registryOf } from './support.js';

const rejects = (fn: () => unknown, rule: string) => {
  try {
    fn();
  } catch (error) {
    return (error as { rule?: string }).rule === rule;
  }
  return false;
};

t.test('given a city, when its organisations are registered under allowed parents, then each is one event', async (t) => {
  const { state, events } = registryOf();
  t.equal(events.length, 14);
  t.match(state.organisations.get('th-shipai-so'), { kind: 'judicial_office', parentId: 'th-shipai', closed: false });
});

t.test('given a registry, then the rules of its shape hold', async (t) => {
  const { state } = registryOf();
  t.ok(rejects(() => registryDecider.decide(register('x', 'village', '某村', 'th'), state), 'organisation_parent_kind'), 'a village sits under a township, not a district');
  t.ok(rejects(() => registryDecider.decide(register('y', 'district', '越秀区', null), state), 'organisation_parent_required'));
  t.ok(rejects(() => registryDecider.decide(register('sz', 'city', '深圳市', null), state), 'one_city'));
  t.ok(rejects(() => registryDecider.decide(register('th', 'district', '另一个区', 'gz'), state), 'organisation_id_taken'));
  t.ok(rejects(() => registryDecider.decide(register('z', 'township', '某街道', 'nowhere'), state), 'organisation_unknown'));
  t.same(registryDecider.decide(register('th', 'district', '天河区', 'gz'), state), [], 'the same registration again changes nothing');
});

t.test('given an organisation with open children, when closed, then refused; closed from the leaves up, then it is closed', async (t) => {
  const { state, events } = registryOf();
  const close = (id: string) => ({ type: 'CloseOrganisation' as const, data: { id, reason: '撤并', by: 'city-admin', at: new Date() } });
  t.ok(rejects(() => registryDecider.decide(close('hz-nanzhou'), state), 'organisation_has_open_children'));
  const leaf = registryDecider.decide(close('hz-nanzhou-v1'), state);
  const after = foldEvents(registryDecider, [...events, ...leaf]);
  const township = registryDecider.decide(close('hz-nanzhou'), after);
  t.equal(township.length, 1);
  const closed = foldEvents(registryDecider, [...events, ...leaf, ...township]);
  t.equal(closed.organisations.get('hz-nanzhou')?.closed, true);
  t.ok(rejects(() => registryDecider.decide(register('hz-nanzhou-v2', 'village', '新村', 'hz-nanzhou'), closed), 'organisation_closed'), 'nothing new under a closed one');
});

t.test('scopes: own organisation, its district, the city', async (t) => {
  const { state } = registryOf();
  t.equal(districtOf(state, 'th-shipai-v1')?.id, 'th');
  t.equal(districtOf(state, 'gz-legal-aid'), undefined, 'a city-level office has no district');
  t.equal(reachOf(state, 'th-plsc', 'organisation')?.id, 'th-plsc');
  t.equal(reachOf(state, 'th-plsc', 'district')?.id, 'th');
  t.equal(reachOf(state, 'th-plsc', 'city')?.id, 'gz');
  t.equal(reachOf(state, 'gz-legal-aid', 'district')?.id, 'gz-legal-aid', 'a city-level office reaches itself in district scope, not the city');
  t.equal(reachOf(state, 'gz', 'organisation'), undefined, 'a token naming the city reaches nothing in a narrower scope');
  t.equal(reachOf(state, 'gz', 'district'), undefined);
  t.equal(reachOf(state, 'gz', 'city')?.id, 'gz');
  t.equal(reachOf(state, 'unknown-org', 'city'), undefined, 'an unknown organisation reaches nothing');

  const tianhe = reachOf(state, 'th-shipai-so', 'district');
  t.ok(isWithin(state, tianhe, 'th-station-1'), 'a 天河 judicial office in district scope reaches a 天河 station');
  t.notOk(isWithin(state, tianhe, 'hz-plsc'), 'but nothing of 海珠');
  t.notOk(isWithin(state, reachOf(state, 'th-shipai-so', 'organisation'), 'th-plsc'), 'in its own scope, not even its district centre');
  t.ok(isWithin(state, reachOf(state, 'th-shipai-so', 'organisation'), 'th-shipai-so'));
  t.notOk(isWithin(state, undefined, 'th'), 'no reach, nothing within');
  t.same(organisationsWithin(state, reachOf(state, 'hz-plsc', 'district')).sort(), ['hz', 'hz-nanzhou', 'hz-nanzhou-v1', 'hz-plsc']);
});

t.test('the kit\'s reach over the registry: lists filter by organisation ids, the city needs no filter, closed callers reach nothing', async (t) => {
  const { state, events } = registryOf();
  const resolver = registryReachResolver(() => state, 'gz');
  const haizhu = resolver.reachOf('hz-plsc', 'district');
  t.same(haizhu?.organisationIds?.slice().sort(), ['hz', 'hz-nanzhou', 'hz-nanzhou-v1', 'hz-plsc']);
  t.ok(haizhu?.includes('hz-nanzhou-v1'));
  t.notOk(haizhu?.includes('th-plsc'));
  const city = resolver.reachOf('gz', 'city');
  t.equal(city?.organisationIds, null, 'the whole city: no owner filter');
  t.ok(city?.includes('th-station-1'));
  t.equal(resolver.reachOf('nowhere', 'organisation'), undefined);
  const empty = registryReachResolver(() => registryDecider.initialState(), 'gz');
  t.equal(empty.reachOf('gz', 'city')?.organisationIds, null, 'before the city is registered, its own administrator reaches it (to register it)');
  t.equal(empty.reachOf('sz', 'city'), undefined, 'but not another city');
  t.equal(empty.reachOf('gz', 'district'), undefined);
  const close = { type: 'CloseOrganisation' as const, data: { id: 'hz-nanzhou-v1', reason: '撤并', by: 'city-admin', at: new Date() } };
  const closed = foldEvents(registryDecider, [...events, ...registryDecider.decide(close, state)]);
  t.equal(registryReachResolver(() => closed, 'gz').reachOf('hz-nanzhou-v1', 'organisation'), undefined, 'a closed organisation\'s tokens reach nothing');
});
