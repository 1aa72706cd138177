// A pooled connection that dies (PostgreSQL restarted, a backend terminated) emits 'error'. pg-pool
// listens only while the client sits idle in the pool; a client checked out (a projection's reserved
// connection, a transaction between statements, group commit's batch) has no listener, so the error is
// an uncaught exception and the whole service exits. Every client gets a listener of its own for life:
// the work on it fails through its pending or next query (which every caller already handles), and
// pg-pool drops the broken client when it is released with that error.
import type pg from 'pg';

export function survivesLostConnections(pool: pg.Pool, onError: (error: Error) => void = () => undefined): pg.Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}

// SQLSTATE class 08 (connection exception) and 57P01-57P04 (terminated by an administrator, crash
// shutdown, cannot connect now, database dropped); the socket's own errors; and node-postgres and
// pg-pool's errors for a connection that closed or never came, which carry no code.
const LOST_ERRNO = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_MESSAGE = /^Connection terminated|not queryable|timeout exceeded when trying to connect|Client was closed/;

/** True when the database could not be reached or the connection was lost, not when a statement failed. */
export function isConnectionLoss(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const code = 'code' in e ? String(e.code) : '';
    if (code.startsWith('08') || /^57P0[1-4]$/.test(code) || LOST_ERRNO.has(code)) return true;
    if (LOST_MESSAGE.test(e.message)) return true;
  }
  return false;
}
