// A query that finds no table (SQLSTATE 42P01 undefined_table). The tables a service queries are its
// read models' views, which its projection engine makes before the service listens; one can still be
// missing for a moment or longer: a runner that failed to start, a read model kept by another process
// that has not made it yet, a hand-dropped view. The request is fine and only the moment is wrong, so
// it is answered 503 with Retry-After, like a read model not caught up, never a 500; the relation's
// name stays in the log (at error level: a table missing for long is a fault to look at).
export const UNDEFINED_TABLE = '42P01';

export function isMissingTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNDEFINED_TABLE;
}

/** Seconds a caller is told to wait: a read model is made within moments of a start. */
export const MISSING_TABLE_RETRY_AFTER_SECONDS = 1;
