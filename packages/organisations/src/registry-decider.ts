// The organisation registry as one stream per city: every organisation registered, renamed or closed is
// an event, made by an administrator. Pure: no I/O, no clock.
import { DomainRuleError, type Decider } from '@bureau/service-kit/domain';
import { allowedParents, type OrganisationKind } from './kinds.js';
import { VersionedMap } from './versioned-map.js';

export const registryStreamOf = (cityId: string) => `organisations-${cityId}`;
/** The category a subscription follows to hear of changes made by other instances. */
export const registryCategory = 'organisations';

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly name: string;
  /** Null for the city only. */
  readonly parentId: string | null;
  readonly closed: boolean;
}

export type OrganisationEvent =
  | { type: 'OrganisationRegistered'; data: { id: string; kind: OrganisationKind; name: string; parentId: string | null; by: string; at: string } }
  | { type: 'OrganisationRenamed'; data: { id: string; name: string; by: string; at: string } }
  | { type: 'OrganisationClosed'; data: { id: string; reason: string; by: string; at: string } };

export type OrganisationCommand =
  | { type: 'RegisterOrganisation'; data: { id: string; kind: OrganisationKind; name: string; parentId: string | null; by: string; at: Date } }
  | { type: 'RenameOrganisation'; data: { id: string; name: string; by: string; at: Date } }
  | { type: 'CloseOrganisation'; data: { id: string; reason: string; by: string; at: Date } };

export interface RegistryState {
  readonly organisations: ReadonlyMap<string, Organisation>;
}

const broken = (rule: string, detail: string) => new DomainRuleError(rule, detail);

function requireOpen(state: RegistryState, id: string): Organisation {
  const found = state.organisations.get(id);
  if (!found) throw broken('organisation_unknown', `No organisation ${id} is registered.`);
  if (found.closed) throw broken('organisation_closed', `${found.name} (${id}) is closed.`);
  return found;
}

function decide(command: OrganisationCommand, state: RegistryState): OrganisationEvent[] {
  switch (command.type) {
    case 'RegisterOrganisation': {
      const c = command.data;
      const existing = state.organisations.get(c.id);
      if (existing) {
        const same = existing.kind === c.kind && existing.name === c.name && existing.parentId === c.parentId;
        if (same) return [];
        throw broken('organisation_id_taken', `The id ${c.id} is already ${existing.name}.`);
      }
      const allowed = allowedParents[c.kind];
      if (c.parentId === null) {
        if (allowed.length > 0) throw broken('organisation_parent_required', `A ${c.kind} sits under one of: ${allowed.join(', ')}.`);
        if ([...state.organisations.values()].some((o) => o.kind === 'city')) throw broken('one_city', 'A registry holds one city.');
      } else {
        const parent = requireOpen(state, c.parentId);
        if (!allowed.includes(parent.kind)) {
          throw broken('organisation_parent_kind', `A ${c.kind} cannot sit under a ${parent.kind}; it sits under one of: ${allowed.join(', ') || 'nothing'}.`);
        }
      }
      return [{ type: 'OrganisationRegistered', data: { id: c.id, kind: c.kind, name: c.name, parentId: c.parentId, by: c.by, at: c.at.toISOString() } }];
    }
    case 'RenameOrganisation': {
      const found = requireOpen(state, command.data.id);
      if (found.name === command.data.name) return [];
      return [{ type: 'OrganisationRenamed', data: { id: found.id, name: command.data.name, by: command.data.by, at: command.data.at.toISOString() } }];
    }
    case 'CloseOrganisation': {
      const found = state.organisations.get(command.data.id);
      if (found?.closed) return [];
      requireOpen(state, command.data.id);
      const openChildren = [...state.organisations.values()].filter((o) => o.parentId === command.data.id && !o.closed);
      if (openChildren.length > 0) {
        throw broken('organisation_has_open_children', `Close what sits under it first: ${openChildren.map((o) => o.name).join('、')}.`);
      }
      return [{ type: 'OrganisationClosed', data: { id: command.data.id, reason: command.data.reason, by: command.data.by, at: command.data.at.toISOString() } }];
    }
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

// A new version of the map per event, not a copy (versioned-map.ts: folding n registrations was O(n²)).
function evolve(state: RegistryState, event: OrganisationEvent): RegistryState {
  const organisations = state.organisations instanceof VersionedMap ? state.organisations : VersionedMap.from(state.organisations);
  switch (event.type) {
    case 'OrganisationRegistered': {
      const { id, kind, name, parentId } = event.data;
      return { organisations: organisations.with(id, { id, kind, name, parentId, closed: false }) };
    }
    case 'OrganisationRenamed': {
      const found = organisations.get(event.data.id);
      return found ? { organisations: organisations.with(found.id, { ...found, name: event.data.name }) } : state;
    }
    case 'OrganisationClosed': {
      const found = organisations.get(event.data.id);
      return found ? { organisations: organisations.with(found.id, { ...found, closed: true }) } : state;
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export const registryDecider: Decider<RegistryState, OrganisationCommand, OrganisationEvent> = {
  initialState: () => ({ organisations: VersionedMap.from<string, Organisation>() }),
  evolve,
  decide,
};
