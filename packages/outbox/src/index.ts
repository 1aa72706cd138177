// @bureau/outbox: the transactional outbox (发件箱). See README.md.
export { startOutbox, type OutboxControl, type OutboxOptions, type OutboxTimings } from './start-outbox.js';
export { outboxReactor, type MessageToQueue, type OutboxReactorOptions } from './reactor.js';
export type { OutboundMessage, Transport, TransportOutcome } from './transport.js';
export { OutboxDeliverer, type DelivererLogger, type DelivererOptions } from './deliverer.js';
export { outboxRoutes, type OutboxRoutesOptions } from './staff-routes.js';
export { outboxMessageSchema, messageView, type MessageFields, type OutboxMessageView } from './message-view.js';
export { migrateOutbox, outboxMigrator } from './migrate.js';
export { outboxMigrations } from './migrations/index.js';
export { budgetSpent, checkRetryPolicy, defaultRetryPolicy, outageCoveredMs, retryDelayMs, OUTAGE_TO_SURVIVE_MS, type RetryPolicy } from './retry-policy.js';
export { outcomeOfTry, type TryEnd } from './try-outcome.js';
export type { DeadReason, OutboxRow, OutboxStatus, OutboxTable } from './outbox-table.js';
export type { ClaimedMessage, OutboxDb, TryOutcome } from './queue-queries.js';
export { findMessage, listDeadLetters, outboxStats, type DeadLetter, type OutboxStats } from './staff-queries.js';
export { outboxPrometheusMetrics } from './metrics.js';
