export { organisationKinds, allowedParents, kindNames, type OrganisationKind } from './kinds.js';
export {
  registryDecider, registryStreamOf, registryCategory,
  type Organisation, type OrganisationCommand, type OrganisationEvent, type RegistryState,
} from './registry-decider.js';
export { scopes, lineageOf, districtOf, reachOf, isWithin, organisationsWithin, type Scope } from './scope.js';
export { organisationEvents, organisationIdSchema } from './registry-events.js';
export { RegistryBook } from './registry-book.js';
export { organisationRegistryPlugin, type RegistryPluginOptions } from './registry-plugin.js';
export { organisationRegistryRoutes, type RegistryRoutesOptions } from './registry-routes.js';
