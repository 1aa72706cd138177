// Errors that mean "the database cannot be reached right now" (restarting, shutting down, refusing
// connections, a connection cut mid-request), as opposed to a statement that failed: the event store's
// one predicate (isConnectionLoss). A service answers them with 503 and Retry-After, so callers (the 12345
// platform retries on 5xx) come back once the database is back.
export { isConnectionLoss as isDatabaseOutage } from '@bureau/event-store/postgres';

/** Seconds a caller is told to wait before trying again. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;
