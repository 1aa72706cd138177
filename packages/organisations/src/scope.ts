// Who sees what. A route declares the scope it works in; the caller's organisation (from the token)
// then decides which records are in reach: its own organisation and what sits under it, its whole
// district, or the whole city. A record outside reach is answered exactly as one that does not exist.
// Pure functions over the registry's state.
import type { Reach, ReachResolver, Scope } from '@bureau/service-kit';
import type { Organisation, RegistryState } from './registry-decider.js';

/** The organisation and its ancestors, nearest first; empty when unknown. */
export function lineageOf(state: RegistryState, id: string): Organisation[] {
  const line: Organisation[] = [];
  for (let at = state.organisations.get(id); at && line.length < 32; at = at.parentId ? state.organisations.get(at.parentId) : undefined) {
    line.push(at);
  }
  return line;
}

/** The district an organisation belongs to (itself when it is one); undefined for city-level ones. */
export function districtOf(state: RegistryState, id: string): Organisation | undefined {
  return lineageOf(state, id).find((o) => o.kind === 'district');
}

/**
 * The organisation whose subtree a caller of `organisationId` reaches in `scope`; undefined: nothing.
 * Only the city scope reaches the city itself: a token naming the city with any narrower scope
 * reaches nothing, so a city-level token cannot stand in for a city-wide role. An organisation that
 * sits at city level (the city's legal-aid office, its stations) has no district: its district scope
 * is the city-level organisation it belongs to.
 */
export function reachOf(state: RegistryState, organisationId: string, scope: Scope): Organisation | undefined {
  const line = lineageOf(state, organisationId);
  if (line.length === 0 || line.some((o) => o.closed)) return undefined;
  const top = (() => {
    switch (scope) {
      case 'organisation':
        return line[0];
      case 'district':
        return line.find((o) => o.kind === 'district') ?? line[line.length - 2];
      case 'city':
        return line.find((o) => o.kind === 'city');
      default: {
        const unknown: never = scope;
        return unknown;
      }
    }
  })();
  if (!top || (top.kind === 'city' && scope !== 'city')) return undefined;
  return top;
}

/** Whether `recordOwner` lies within `reach` (the organisation itself or anything under it). */
export function isWithin(state: RegistryState, reach: Organisation | undefined, recordOwner: string): boolean {
  if (!reach) return false;
  return lineageOf(state, recordOwner).some((o) => o.id === reach.id);
}

/** Every organisation within `reach` (itself first), for a list query's `owner IN (...)`. */
export function organisationsWithin(state: RegistryState, reach: Organisation | undefined): string[] {
  if (!reach) return [];
  const children = new Map<string, string[]>();
  for (const o of state.organisations.values()) {
    if (o.parentId) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  }
  const found: string[] = [];
  const queue = [reach.id];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    found.push(id);
    queue.push(...(children.get(id) ?? []));
  }
  return found;
}

/** The organisations under each reach, worked out once per registry state (every list request asks). */
const withinByState = new WeakMap<RegistryState, Map<string, readonly string[]>>();
function withinCached(state: RegistryState, top: Organisation): readonly string[] {
  let byTop = withinByState.get(state);
  if (!byTop) withinByState.set(state, (byTop = new Map()));
  let ids = byTop.get(top.id);
  if (!ids) byTop.set(top.id, (ids = Object.freeze(organisationsWithin(state, top))));
  return ids;
}

/**
 * The kit's reach resolver over the registry as it stands when asked (`current` re-reads it). A token
 * naming the deployment's own city (`cityId`) reaches the whole city in the city scope even before the
 * city is registered: that is how its administrator registers it.
 */
export function registryReachResolver(current: () => RegistryState, cityId: string): ReachResolver {
  return {
    reachOf(organisationId: string, scope: Scope): Reach | undefined {
      const state = current();
      if (scope === 'city' && organisationId === cityId && !state.organisations.has(cityId)) {
        return { scope, organisationId, organisationIds: null, includes: () => true };
      }
      const top = reachOf(state, organisationId, scope);
      if (!top) return undefined;
      const whole = top.kind === 'city';
      return {
        scope,
        organisationId: top.id,
        organisationIds: whole ? null : withinCached(state, top),
        includes: (ownerId) => isWithin(state, top, ownerId),
      };
    },
  };
}
