// What every route is given: the service's context (configuration, clock, the command path's deps).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, forbidden } from '@bureau/service-kit';
import type { LegalAidConfig } from '../config.js';
import type { LegalAidCommandDeps } from '../commands/run-legal-aid-command.js';
import type { ActingOrganisation } from '../domain/index.js';
import { actingOrganisationOf } from '../organisation/offices.js';

export interface LegalAidContext {
  readonly config: LegalAidConfig;
  readonly clock: () => Date;
  readonly deps: LegalAidCommandDeps;
}

declare module 'fastify' {
  interface FastifyInstance {
    legalAid: LegalAidContext;
  }
}

/** The caller's organisation as the decider takes it (the kit has already refused one the registry lacks). */
export function actingOrganisation(app: FastifyInstance, request: FastifyRequest): ActingOrganisation {
  const organisation = actingOrganisationOf(app.organisations.current(), actorOf(request).organisation);
  if (!organisation) throw forbidden('The organisation in the token is not in the registry.');
  return organisation;
}
