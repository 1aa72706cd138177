// Who sees what. A route declares the scope it works in; the caller's organisation (from the token)
// then decides which records are in reach: its own organisation and what sits under it, its whole
// district, or the whole city. A record outside reach is answered exactly as one that does not exist.
// Pure functions over the registry's state.
import type { Organisation, RegistryState } from './registry-decider.js';

export const scopes = ['organisation', 'district', 'city'] as const;
export type Scope = (typeof scopes)[number];

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

/** The organisation whose subtree a caller of `organisationId` reaches in `scope`; undefined: nothing. */
export function reachOf(state: RegistryState, organisationId: string, scope: Scope): Organisation | undefined {
  const line = lineageOf(state, organisationId);
  switch (scope) {
    case 'organisation':
      return line[0];
    case 'district':
      // A city-level organisation has no district: its district scope is the city.
      return line.find((o) => o.kind === 'district') ?? line.find((o) => o.kind === 'city');
    case 'city':
      return line.find((o) => o.kind === 'city');
    default: {
      const unknown: never = scope;
      return unknown;
    }
  }
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
