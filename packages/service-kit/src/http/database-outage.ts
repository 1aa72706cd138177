// Errors that mean "the database cannot be reached right now" (restarting, shutting down, refusing
// connections, a connection cut mid-request), as opposed to a statement that failed. A service answers
// them with 503 and Retry-After, so callers (the 12345 platform retries on 5xx) come back once the
// database is back; nothing was recorded, since no commit could have happened without it.

// SQLSTATE classes 08 (connection exception) and 57P0x (operator intervention: shutdown, crash, starting).
const OUTAGE_SQLSTATE = /^(08\d{3}|57P0[1-4])$/;
const OUTAGE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres and pg-pool say these in words only.
const OUTAGE_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed|Connection refused/i;

export function isDatabaseOutage(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (OUTAGE_SQLSTATE.test(code) || OUTAGE_ERRNO.has(code))) return true;
    if (OUTAGE_MESSAGE.test(e.message)) return true;
  }
  return false;
}

/** Seconds a caller is told to wait before trying again. */
export const OUTAGE_RETRY_AFTER_SECONDS = 2;
