// Proof that nothing was changed: an anchor is recorded and kept outside the system (its file), then
// someone with write access to the database changes one event's data, deletes a stream's last event, and
// rewrites a whole stream with a consistent new chain. Verifying against the kept anchor finds each, and
// names it; the chain alone finds only the first.
import { canonicalContent, chainHash, GENESIS_HASH, type JsonObject, type RecordedEvent } from '@bureau/event-store';
import { spawn } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import t from 'tap';
import { anchorFileSchema, signedBytes } from '../src/anchors/anchor-file.js';
import { storedEventsReader } from '../src/verification/stored-events.js';
import { verifyStore } from '../src/verification/verify-store.js';
import { auditFixture, type AuditFixture } from './support/app.js';

async function streamOf(f: AuditFixture, workOrderId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of f.app.eventStore.readStream(`hotlineWorkOrder-${workOrderId}`)) events.push(e);
  return events;
}

async function finishedJob(f: AuditFixture, payload: object) {
  const started = await f.post('/verification-jobs', f.tokens.cityAuditor, payload);
  if (started.statusCode !== 202) throw new Error(started.body);
  for (;;) {
    const job = (await f.get(`/verification-jobs/${started.json().jobId}`, f.tokens.cityAuditor)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function runCli(databaseUrl: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import=tsx', 'src/cli/verify.ts', ...args], {
      cwd: join(import.meta.dirname, '..'), env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += String(c); });
    child.stderr.on('data', (c) => { stderr += String(c); });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

t.test('three kinds of tampering by SQL, each found against a kept anchor and named', async (t) => {
  const f = await auditFixture(t);
  const changed = await f.orderWithExtension(undefined, 'GZ-T-CHANGED');
  const truncated = await f.orderWithExtension(undefined, 'GZ-T-TRUNCATED');
  const rewritten = await f.orderWithExtension(undefined, 'GZ-T-REWRITTEN');
  const untouched = await f.orderWithExtension(undefined, 'GZ-T-UNTOUCHED');

  await f.settled();
  const recorded = await f.post('/anchors', f.tokens.cityAuditor);
  t.equal(recorded.statusCode, 201, recorded.body);
  const anchor = recorded.json();
  const download = await f.get(`/anchors/${anchor.anchorId}/file`, f.tokens.cityAuditor);
  t.equal(download.statusCode, 200);
  const kept = anchorFileSchema.parse(JSON.parse(download.body));
  t.equal(kept.root, anchor.root);
  t.ok(kept.heads.some((h) => h.stream === `hotlineWorkOrder-${untouched}` && h.revision === '5'), 'the file lists the stream heads');

  t.test('the file verifies with the published public key, and not once altered', async (t) => {
    const published = (await f.get('/anchors/public-key', '')).body;
    const key = createPublicKey(published);
    const { signature, ...body } = kept;
    t.ok(verify(null, signedBytes(body), key, Buffer.from(signature.value, 'base64')));
    const forged = { ...body, heads: body.heads.slice(1) };
    t.notOk(verify(null, signedBytes(forged), key, Buffer.from(signature.value, 'base64')));
    const refused = await f.post('/verification-jobs', f.tokens.cityAuditor, { anchor: { ...kept, root: 'a'.repeat(64) } });
    t.equal(refused.statusCode, 422, 'a file whose root or signature does not hold is refused');
  });

  t.test('before any tampering, everything verifies', async (t) => {
    const job = await finishedJob(f, { anchor: kept });
    t.match(job, { status: 'finished', intact: true, findings: [], progress: 1 });
    t.ok(job.checkedEvents >= 24);
  });

  // Every case viewed before the tampering, so its replay is in the case cache: verification must not use it.
  for (const id of [changed, truncated, rewritten, untouched]) t.equal((await f.get(`/cases/work-order/${id}/history`, f.tokens.huaduAuditor)).statusCode, 200);

  const db = new pg.Pool({ connectionString: f.databaseUrl, max: 1 });
  t.teardown(() => db.end());
  // 1. One event's data changed in place.
  await db.query(`update event_store.events set data = jsonb_set(data::jsonb, '{content}', '"改过的内容"')::json where stream_name = $1 and revision = 0`, [`hotlineWorkOrder-${changed}`]);
  // 2. A stream's last event deleted, and its stream row moved back to match.
  await db.query('delete from event_store.events where stream_name = $1 and revision = 5', [`hotlineWorkOrder-${truncated}`]);
  const tail = (await streamOf(f, truncated)).at(-1);
  await db.query('update event_store.streams set revision = 4, last_hash = $2 where stream_name = $1', [`hotlineWorkOrder-${truncated}`, Buffer.from(tail?.hash ?? '', 'hex')]);
  // 3. A whole stream rewritten, every hash recomputed so the chain is consistent.
  let previous = GENESIS_HASH;
  for (const e of await streamOf(f, rewritten)) {
    const data: JsonObject = e.revision === 0n && typeof e.data === 'object' && e.data !== null && !Array.isArray(e.data) ? { ...e.data, content: '重写的内容' } : (e.data as JsonObject);
    const hash = chainHash(previous, canonicalContent({ ...e, data }));
    await db.query('update event_store.events set data = $3::json, hash = $4 where stream_name = $1 and revision = $2', [e.streamName, e.revision.toString(), JSON.stringify(data), Buffer.from(hash, 'hex')]);
    previous = hash;
  }
  await db.query('update event_store.streams set last_hash = $2 where stream_name = $1', [`hotlineWorkOrder-${rewritten}`, Buffer.from(previous, 'hex')]);
  // Not a tampering: an untouched stream's event text written again in another form of the same content
  // (jsonb's: keys reordered, spaces), as the store's jsonb era left older events. Its text no longer
  // hashes as stored; its content does, so it verifies on every path.
  const reformed = await db.query(`update event_store.events set data = (data::jsonb)::json, metadata = (metadata::jsonb)::json
    where stream_name = $1 and revision = 1 and data::text <> (data::jsonb)::text`, [`hotlineWorkOrder-${untouched}`]);
  t.equal(reformed.rowCount, 1, 'the untouched stream\'s event 1 is stored in another form');

  // Worker threads cost a start each (their own TypeScript loader): the chain alone on this thread, then
  // the anchor's three findings (the changed event among them, found by a worker's chain) both on this
  // thread and spread over two workers (streams split by name, so both shards hold streams).
  t.test('the chain alone finds only the changed event; against the anchor, the same three on this thread and on worker threads', async (t) => {
    const verdict = await verifyStore(f.app.eventStore, {});
    t.same(verdict.findings.map((x) => [x.stream, x.kind]), [[`hotlineWorkOrder-${changed}`, 'event_changed']]);
    t.ok(verdict.events >= 24 && verdict.streams >= 4, 'every event counted');
    const alone = await verifyStore(f.app.eventStore, { anchored: kept.heads });
    // The service keeps writing meanwhile (the views' access log, timers): the workers' count lies between
    // what $all showed just before their pass (a commit shows once every older transaction on the server
    // has ended: other tests' transactions share it) and every event committed just after it.
    const count = async (where: string) => Number((await db.query<{ n: string }>(`select count(*) as n from event_store.events e ${where}`)).rows[0]?.n);
    const before = await count('where e.transaction_id < (select pg_snapshot_xmin(pg_current_snapshot()))');
    const spread = await verifyStore(f.app.eventStore, { anchored: kept.heads, threads: 2 });
    const after = await count('');
    t.same(alone.findings.map((x) => [x.stream, x.kind]).sort(), [
      [`hotlineWorkOrder-${changed}`, 'event_changed'],
      [`hotlineWorkOrder-${rewritten}`, 'rewritten'],
      [`hotlineWorkOrder-${truncated}`, 'truncated'],
    ].sort());
    t.same(spread.findings, alone.findings, 'against the anchor: the same findings either way');
    // The events' text hashed as stored (stored-events.ts; what the jobs and the CLI use on PostgreSQL).
    const stored = await verifyStore(f.app.eventStore, { anchored: kept.heads, storedEvents: storedEventsReader(db) });
    t.same(stored.findings, alone.findings, 'hashed as stored: the same findings');
    t.same((await verifyStore(f.app.eventStore, { storedEvents: storedEventsReader(db) })).findings, verdict.findings, 'hashed as stored, the chain alone: the same finding');
    t.ok(stored.events >= before, `every event counted hashing as stored (${before} ≤ ${stored.events})`);
    t.ok(spread.events >= before && spread.events <= after, `every event counted by the workers (${before} ≤ ${spread.events} ≤ ${after})`);
    t.equal(spread.streams, alone.streams, 'every stream counted by the workers');
  });

  t.test('against the kept anchor: each found, and named', async (t) => {
    const job = await finishedJob(f, { anchor: kept });
    t.equal(job.intact, false);
    t.same(job.findings.map((x: { stream: string; kind: string; revision: string }) => [x.stream, x.kind, x.revision]).sort(), [
      [`hotlineWorkOrder-${changed}`, 'event_changed', '0'],
      [`hotlineWorkOrder-${rewritten}`, 'rewritten', '5'],
      [`hotlineWorkOrder-${truncated}`, 'truncated', '5'],
    ].sort());
    const latest = await finishedJob(f, {});
    t.equal(latest.anchorId, kept.anchorId, 'without a file: the latest anchor recorded');
    t.equal(latest.findings.length, 3);
  });

  t.test('a case\'s own verification route names its finding', async (t) => {
    const one = async (id: string) => (await f.get(`/cases/work-order/${id}/verification`, f.tokens.huaduAuditor)).json();
    t.match(await one(changed), { intact: false, findings: [{ kind: 'event_changed', revision: '0' }] });
    t.match(await one(truncated), { intact: false, findings: [{ kind: 'truncated' }], anchor: { anchorId: kept.anchorId, anchoredRevision: '5' } });
    t.match(await one(rewritten), { intact: false, findings: [{ kind: 'rewritten' }] });
    t.match(await one(untouched), { intact: true, findings: [] });
  });

  t.test('the command line, given the kept file, says the same and exits 1', async (t) => {
    const path = join(mkdtempSync(join(tmpdir(), 'audit-anchor-')), 'anchor.json');
    writeFileSync(path, download.body);
    const keyPath = join(path, '..', 'public-key.pem');
    writeFileSync(keyPath, (await f.get('/anchors/public-key', '')).body);
    const otherKey = join(path, '..', 'other-key.pem');
    writeFileSync(otherKey, createPublicKey(generateKeyPairSync('ed25519').privateKey).export({ type: 'spki', format: 'pem' }).toString());
    // Both runs at once: each is a process start (tsx) first.
    const [run, refused] = await Promise.all([runCli(f.databaseUrl, path, keyPath), runCli(f.databaseUrl, path, otherKey)]);
    t.equal(run.code, 1, run.stderr);
    t.match(run.stderr, /\[#+\] 100\.0%/, 'a progress bar');
    t.match(run.stderr, new RegExp(`rewritten\\s+hotlineWorkOrder-${rewritten}`));
    t.match(run.stderr, new RegExp(`truncated\\s+hotlineWorkOrder-${truncated}`));
    t.match(run.stderr, new RegExp(`event_changed\\s+hotlineWorkOrder-${changed}`));
    t.match(JSON.parse(run.stdout.trim()), { intact: false, findings: 3 });
    t.equal(refused.code, 1);
    t.match(refused.stderr, /not signed by the key/);
  });
});
