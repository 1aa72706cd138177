// The service's PostgreSQL pool (for its read models and queries), with a Kysely instance over it.
// Closes itself when the app closes; registers a `database` readiness check (`select 1`).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { survivesLostConnections } from '@bureau/event-store/postgres';
import pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    pg: pg.Pool;
    /** Typed per service with `app.db.withTables<Database>()`. */
    db: Kysely<object>;
  }
}

export interface PgPoolOptions {
  readonly connectionString: string;
  readonly max?: number;
  /** A readiness probe must fail fast when the database is unreachable. */
  readonly connectionTimeoutMillis?: number;
}

async function pgPool(app: FastifyInstance, options: PgPoolOptions) {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 2_000,
  });
  // A client losing its connection, idle or checked out, must not crash the process; the work on it
  // fails through its query and the next checkout reconnects (event-store's pool-errors.ts).
  survivesLostConnections(pool, (err) => app.log.warn({ err }, 'PostgreSQL client lost its connection'));
  const db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  app.decorate('pg', pool);
  app.decorate('db', db);
  app.readiness.add('database', () => sql`select 1`.execute(db));
  app.addHook('onClose', async () => {
    // Kysely ends the pool only if it ever used it; end it ourselves otherwise.
    await db.destroy();
    if (!pool.ended) await pool.end();
  });
}

export const pgPoolPlugin = fp(pgPool, { name: 'bureau-pg-pool', fastify: '5.x', dependencies: ['bureau-health'] });
