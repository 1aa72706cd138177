// Anchors and verification against a real EventStoreDB (KurrentDB) server, through the adapter and the
// store contract only; tampering done the ways the server allows (a soft delete, a truncation by
// $tb, a delete and a new stream written in its place). No server runs where `npm test` usually runs,
// so without EVENTSTORE_URL this file says why and plans nothing (as packages/event-store's contract
// run); start one with infra/docker-compose.yml and run
//   EVENTSTORE_URL='esdb://localhost:2113?tls=false' npm test -- services/audit/test/eventstoredb-server.test.ts
// The same cases run on every `npm test` over the client stub: eventstoredb-verification.test.ts.
import { EventStoreDBClient } from '@eventstore/db-client';
import { createEventStoreDbEventStore } from '@bureau/event-store/eventstoredb';
import { eventStoreUrl } from '@bureau/event-store/testing/eventstoredb';
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { readHeads } from '../src/anchors/make-anchor.js';
import { readStreamEvents } from '../src/history/read-case.js';
import { verifyOneStream, verifyStore } from '../src/verification/verify-store.js';

const url = eventStoreUrl(t, 'audit on EventStoreDB');

if (url !== undefined) {
  t.test('each tampering the server allows is found against the anchor and named', async (t) => {
    const store = await createEventStoreDbEventStore({ connectionString: url });
    const client = EventStoreDBClient.connectionString(url);
    t.teardown(async () => {
      await store.close();
      await client.dispose();
    });
    const run = randomUUID().slice(0, 8);
    const name = (what: string) => `audit${what}${run}-1`;
    const ours = new Set(['Kept', 'Deleted', 'Cut', 'Recreated'].map(name));
    const events = (n: number) => Array.from({ length: n }, (_, i) => ({ type: 'Noted', data: { i, note: `第${i}条` }, metadata: {} }));
    await store.appendToStream(name('Kept'), events(3));
    await store.appendToStream(name('Deleted'), events(3));
    await store.appendToStream(name('Cut'), events(4));
    await store.appendToStream(name('Recreated'), events(3));

    // The server may hold other tests' streams: the anchor and the findings are narrowed to this run's.
    const heads = (await readHeads(store)).heads.filter((h) => ours.has(h.stream));
    t.same(heads.map((h) => [h.stream, h.revision]).sort(), [[name('Cut'), '3'], [name('Deleted'), '2'], [name('Kept'), '2'], [name('Recreated'), '2']].sort());
    const findings = async (threads: number) => (await verifyStore(store, { anchored: heads, threads })).findings
      .filter((f) => ours.has(f.stream)).map((f) => [f.stream, f.kind, f.revision]);
    t.same(await findings(0), [], 'intact before');

    await client.deleteStream(name('Deleted'));
    await client.setStreamMetadata(name('Cut'), { truncateBefore: 2 });
    await client.deleteStream(name('Recreated'));
    await store.appendToStream(name('Recreated'), events(3), { expectedRevision: 'no_stream' });

    const expected = [[name('Cut'), 'event_missing', '0'], [name('Deleted'), 'stream_deleted', '0'], [name('Recreated'), 'event_changed', '3']].sort();
    for (const threads of [0, 1]) t.same((await findings(threads)).sort(), expected, `${threads} worker thread(s)`);
    const cut = verifyOneStream((await readStreamEvents(store, name('Cut'))) ?? [], heads.find((h) => h.stream === name('Cut')));
    t.same(cut.findings.map((f) => [f.kind, f.revision]), [['event_missing', '0']], 'the case route\'s verdict on the truncated stream');
  });
}
