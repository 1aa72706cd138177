// The anchor schedule: durable (its memory is the anchor stream), one anchor per interval however many
// processes run it, and each anchor an event naming the signed file kept for download.
import { ConfigError } from '@bureau/service-kit';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import t from 'tap';
import { anchorIfDue } from '../src/anchors/anchor-schedule.js';
import { listAnchors } from '../src/anchors/make-anchor.js';
import { loadConfig } from '../src/config.js';
import { auditEnv, auditFixture } from './support/app.js';

t.test('the schedule records one anchor per interval, from its own stream', async (t) => {
  let now = new Date('2026-03-02T00:00:00Z');
  const f = await auditFixture(t, { env: { AUDIT_ANCHOR_SCHEDULE: 'on', AUDIT_ANCHOR_INTERVAL_MINUTES: '60', AUDIT_ANCHOR_CHECK_MS: '20' }, clock: () => now });
  const count = async () => (await listAnchors(f.app.eventStore, 'gz')).length;
  const until = async (n: number) => {
    for (let i = 0; i < 500 && (await count()) < n; i += 1) await new Promise((r) => setTimeout(r, 10));
    return count();
  };
  t.equal(await until(1), 1, 'one at start: none was there');
  now = new Date('2026-03-02T00:30:00Z');
  await new Promise((r) => setTimeout(r, 150));
  t.equal(await count(), 1, 'not again within the interval');
  now = new Date('2026-03-02T01:00:01Z');
  t.equal(await until(2), 2, 'again once the interval has passed');
  const [first] = await listAnchors(f.app.eventStore, 'gz');
  t.match(first?.anchor, { createdAt: '2026-03-02T00:00:00.000Z', chainFindings: 0 });
  const file = await f.get(`/anchors/${first?.anchor.anchorId}/file`, f.tokens.cityAuditor);
  t.equal(file.statusCode, 200);
  t.equal(JSON.parse(file.body).root, first?.anchor.root);

  t.test('two processes looking at once record one anchor', async (t) => {
    // Two more processes' worth of store and pool on the same database, looking at one moment.
    const process = async () => {
      const store = await createPostgresEventStore({ connectionString: f.databaseUrl });
      const pool = new pg.Pool({ connectionString: f.databaseUrl, max: 2 });
      t.teardown(async () => { await store.close(); await pool.end(); });
      return { ...f.app.audit.anchors, store, pool, now: () => new Date('2026-03-02T05:00:00Z') };
    };
    const [a, b] = [await process(), await process()];
    const before = await count();
    await Promise.all([anchorIfDue(a, 3_600_000), anchorIfDue(b, 3_600_000)]);
    t.equal(await count(), before + 1);
    const { rows } = await a.pool.query<{ n: string }>('select count(*) as n from audit.anchor_files');
    t.equal(Number(rows[0]?.n), before + 1, 'the loser\'s file is not kept');
  });
});

t.test('configuration: the signing key must be an Ed25519 private key', async (t) => {
  const env = auditEnv('postgres://localhost/x');
  t.throws(() => loadConfig({ ...env, AUDIT_ANCHOR_SIGNING_KEY: undefined }), ConfigError);
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  t.throws(() => loadConfig({ ...env, AUDIT_ANCHOR_SIGNING_KEY: rsa }), /Ed25519/);
  t.throws(() => loadConfig({ ...env, AUDIT_HOTLINE_PLATFORM_CENTRES: '[1]' }), /JSON object/);
  const config = loadConfig(env);
  t.equal(config.PORT, 3500);
  t.equal(config.AUDIT_ANCHOR_INTERVAL_MINUTES, 1440, 'daily by default');
  t.same(config.AUDIT_PERSONAL_DATA_ROLES, ['city_auditor']);
});
