export { createPostgresEventStore, type PostgresEventStore, type PostgresEventStoreOptions } from './store.js';
export type { GroupCommitOptions, StreamAppend } from './group-commit.js';
export type { StreamReadBatchingOptions } from './stream-pages.js';
export { migrateEventStore, EVENT_STORE_SCHEMA } from './migrate.js';
export { APPEND_CHANNEL } from './notifications.js';
export { isConnectionLoss, survivesLostConnections } from './pool-errors.js';
