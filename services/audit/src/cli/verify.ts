// `pnpm audit:verify [anchor-file.json [public-key.pem]]`: verify everything from the command line, with a
// progress bar. Every stream's chain; with a kept anchor file (its signature checked first, against the
// published public key when given: a file signed by any other key is refused), every anchored stream
// against it. Exit code 0: intact; 1: findings (listed); 2: the run itself failed.
import { readFileSync } from 'node:fs';
import { eventStoreKind, openEventStore } from '@bureau/service-kit';
import pg from 'pg';
import { anchorFileSchema, checkAnchorFile, sha256Hex } from '../anchors/anchor-file.js';
import { createPublicKey } from 'node:crypto';
import { loadCliConfig } from '../config.js';
import { eventCounter } from '../verification/count-events.js';
import { storedEventsReader } from '../verification/stored-events.js';
import { verifyStore } from '../verification/verify-store.js';
import { progressLine } from './progress-bar.js';

const out = process.stderr;

async function main(): Promise<number> {
  const { eventStore, verifyThreads } = loadCliConfig();
  const anchorPath = process.argv[2];
  let anchored;
  if (anchorPath) {
    const file = anchorFileSchema.parse(JSON.parse(readFileSync(anchorPath, 'utf8')));
    const keyPath = process.argv[3];
    const published = createPublicKey(keyPath ? readFileSync(keyPath, 'utf8') : file.signature.publicKey);
    const check = checkAnchorFile(file, published);
    if (keyPath && !check.signedByThisService) {
      out.write(`anchor ${anchorPath}: not signed by the key in ${keyPath}\n`);
      return 1;
    }
    if (!keyPath) out.write(`anchor ${anchorPath}: signature checked with the key the file names (sha256 ${sha256Hex(file.signature.publicKey)}); give the published key to check the signer too\n`);
    if (!check.signatureValid || !check.rootMatchesHeads) {
      out.write(`anchor ${anchorPath}: signature valid ${check.signatureValid}, root matches heads ${check.rootMatchesHeads}: not an anchor to trust\n`);
      return 1;
    }
    out.write(`anchor ${file.anchorId} of ${file.createdAt}: ${file.streams} streams, root ${file.root}\n`);
    anchored = file.heads;
  }
  const pool = eventStoreKind(eventStore) === 'postgres' ? new pg.Pool({ connectionString: eventStore.DATABASE_URL, max: 2 }) : undefined;
  let total: number | null;
  try {
    total = await eventCounter(eventStore, pool)();
  } catch (error) {
    await pool?.end();
    throw error;
  }
  const store = await openEventStore(eventStore);
  const startedAt = Date.now();
  try {
    const verdict = await verifyStore(store, {
      ...(anchored ? { anchored } : {}),
      // On PostgreSQL the events' text is hashed as stored (stored-events.ts).
      ...(pool ? { storedEvents: storedEventsReader(pool) } : {}),
      progressEvery: 5_000,
      threads: verifyThreads,
      onProgress: ({ events, streams }) => out.write(progressLine(events, total, streams, (Date.now() - startedAt) / 1000)),
    });
    out.write('\n');
    for (const f of verdict.findings) out.write(`${f.kind.padEnd(15)} ${f.stream} at revision ${f.revision}: ${f.detail}\n`);
    process.stdout.write(`${JSON.stringify({ intact: verdict.intact, events: verdict.events, streams: verdict.streams, findings: verdict.findings.length })}\n`);
    return verdict.intact ? 0 : 1;
  } finally {
    await store.close();
    await pool?.end();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  out.write(`\naudit:verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
