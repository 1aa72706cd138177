export { organisationKinds, allowedParents, kindNames, type OrganisationKind } from './kinds.js';
export {
  registryDecider, registryStreamOf, registryCategory,
  type Organisation, type OrganisationCommand, type OrganisationEvent, type RegistryState,
} from './registry-decider.js';
export { lineageOf, districtOf, reachOf, isWithin, organisationsWithin, registryReachResolver } from './scope.js';
export { organisationEvents, organisationIdSchema } from './registry-events.js';
export { RegistryBook } from './registry-book.js';
export { DEMO_CITY, DEMO_CITY_ID, registerDemoCity, registerOrganisations, type OrganisationRow } from './demo-city.js';
export { organisationRegistryPlugin, type RegistryPluginOptions } from './registry-plugin.js';
export { organisationRegistryRoutes, type RegistryRoutesOptions } from './registry-routes.js';
