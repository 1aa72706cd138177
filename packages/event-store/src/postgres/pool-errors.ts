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
