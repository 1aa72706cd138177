// The organisation registry as the administrators' pages read it (the hotline keeps it; anyone signed in
// reads it): the districts to choose from, and the district a district administrator works in.
import { call, type Answer } from '../../api.js';
import type { PageAnswer } from '../../paging.js';

export interface Organisation {
  id: string;
  kind: string;
  name: string;
  parentId: string | null;
  closed: boolean;
}

export interface OrganisationPage extends PageAnswer {
  items: Organisation[];
}

export function organisations(query = ''): Promise<Answer<OrganisationPage>> {
  return call<OrganisationPage>('hotline', `/organisations${query ? `?${query}` : ''}`);
}

/** The district an organisation sits in (its own id for a district); undefined at the city level. */
export function districtOf(all: readonly Organisation[], organisationId: string): Organisation | undefined {
  const byId = new Map(all.map((o) => [o.id, o]));
  for (let at = byId.get(organisationId); at; at = at.parentId ? byId.get(at.parentId) : undefined) {
    if (at.kind === 'district') return at;
  }
  return undefined;
}
