// The stored form of the registry's events: checked against these schemas before they are appended, and
// again when read back.
import { createEventRegistry, defineEvent } from '@bureau/service-kit';
import { z } from 'zod';
import { organisationKinds } from './kinds.js';
import type { OrganisationEvent } from './registry-decider.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and -');
const stamp = { by: z.string().min(1), at: z.iso.datetime() };

export const organisationEvents = createEventRegistry<OrganisationEvent>({
  OrganisationRegistered: defineEvent({
    type: 'OrganisationRegistered',
    schema: z.object({ id, kind: z.enum(organisationKinds), name: z.string().min(1).max(100), parentId: id.nullable(), ...stamp }),
  }),
  OrganisationRenamed: defineEvent({ type: 'OrganisationRenamed', schema: z.object({ id, name: z.string().min(1).max(100), ...stamp }) }),
  OrganisationClosed: defineEvent({ type: 'OrganisationClosed', schema: z.object({ id, reason: z.string().min(1).max(500), ...stamp }) }),
});

export const organisationIdSchema = id;
