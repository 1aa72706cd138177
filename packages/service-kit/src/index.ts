// `@bureau/service-kit`: what every service shares. Domain code imports `@bureau/service-kit/domain` instead.
export { buildApp, authOptionsFrom, type App, type BuildAppOptions } from './app.js';
export { configOrExit, listenWithGracefulShutdown, type ListenOptions } from './server.js';
export { parseConfig, ConfigError, type ConfigProblem } from './config/parse-config.js';
export { jsonVariable } from './config/json-variable.js';
export { baseConfigShape, baseConfigSchema, serviceConfigSchema, type BaseConfig } from './config/base-config.js';
export { authPlugin, authenticate, actorOf, type AuthOptions } from './auth/auth-plugin.js';
export {
  access, everyone, publicAccess, signedIn, scopes, CITY_WIDE_ROLES, AccessDeclarationError,
  type AccessRule, type CityWideRole, type Reach, type ReachResolver, type Scope,
} from './auth/access.js';
export { accessPlugin, reachOf, isWithinReach } from './auth/access-plugin.js';
export { tokenClaimsSchema, type TokenClaims } from './auth/claims.js';
export {
  HttpProblem, problemSchema, problemTypes, PROBLEM_CONTENT_TYPE, unauthorized, forbidden, notFound,
  type ProblemDetails, type FieldError,
} from './http/problem.js';
export { sendProblem } from './http/error-handler.js';
export { parseJsonBody } from './http/json-body.js';
export { bearerSecurity, docsPlugin, type DocsOptions } from './http/docs.js';
export { REQUEST_ID_HEADER } from './http/request-id.js';
export type { ReadinessCheck } from './http/health.js';
export {
  commandContextOf, commandDigestOf, commandReply, commandIdSchema, commandResponseSchema, ifMatchRevision, etagOf, EVENT_POSITION_HEADER,
} from './http/command-http.js';
export { pgPoolPlugin, type PgPoolOptions } from './plugins/pg-pool.js';
export { eventStorePlugin, type EventStorePluginOptions } from './plugins/event-store.js';
export { openEventStore, eventStoreKind, type EventStoreChoice } from './plugins/open-event-store.js';
export { defineEvent, type EventDefinition, type Upcaster } from './events/define-event.js';
export { createEventRegistry, type EventRegistry, type DefinitionsFor, type AppendContext } from './events/registry.js';
export { InvalidEventDataError, UnreadableEventError, UnknownEventTypeError } from './events/errors.js';
export { handleCommand, DEFAULT_MAX_RETRIES, type CommandContext, type CommandResult, type HandleCommandInput } from './commands/handle-command.js';
export { IdempotencyKeyReusedError, PreconditionFailedError } from './commands/errors.js';
export { readStreamState, type StreamState } from './commands/read-state.js';
export { commandEventId, uuidV5, COMMAND_EVENT_NAMESPACE } from './commands/event-ids.js';
export { loggerOptions, createLogger, type LogLevel } from './logging/logger.js';
export { PERSONAL_DATA_FIELDS, redactionPaths } from './logging/personal-data.js';
export { DomainRuleError, DomainError, isDomainRuleError, foldEvents, type Decider, type DomainMessage } from './domain/index.js';
export { readPeriodCloses, restatedFigures, figuresOf, reportPeriodsStreamOf, type PeriodClose, type Restated } from './periods/period-closes.js';
export { eventsThatMoved, changedStreams, mergeMoved, type MovingEvent, type ChangedStream, type ReplayingProjection } from './periods/moved-by.js';
export { withEvents, pageLinkOf, restatementSchema, movingEventSchema, restatementPageQuery, EVENTS_PER_FIGURE, type Restatement, type RestatementPage } from './periods/restatements.js';
export { closingUnitOf, closingUnitsOf, closingUnitsFor, organisationsClosedUnder, type RegisteredOrganisation, type RegisteredOrganisations } from './periods/closing-units.js';
