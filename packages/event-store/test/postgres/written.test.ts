// AppendResult.written on PostgreSQL: of identical appends racing, exactly one says it wrote, whichever
// path they take (alone, or together in one group-commit batch). Callers rely on it to tell a first
// delivery from a redelivery without reading the stream first (service-kit's handleCommand).
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import type { ExpectedRevision } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, newEvent } from '../contract/support.js';

const url = await freshDatabase(t);

for (const maxInFlight of [1, 4]) {
  t.test(`identical appends racing (${maxInFlight} batch(es) in flight): one written, the others retries`, async (t) => {
    const store = await createPostgresEventStore({ connectionString: url, poolSize: 6, groupCommit: { maxInFlight } });
    t.teardown(() => store.close());
    const guards: Array<[string, ExpectedRevision]> = [
      ['no_stream', 'no_stream'],
      ['any', 'any'],
    ];
    for (const [name, expected] of guards) {
      for (let round = 0; round < 10; round += 1) {
        const stream = `written${maxInFlight}-${name}${round}`;
        const batch = [newEvent('Dispatched', { round })];
        const results = await Promise.all(Array.from({ length: 4 }, () => store.appendToStream(stream, batch, { expectedRevision: expected })));
        t.equal(results.filter((r) => r.written).length, 1, `${name} #${round}: exactly one of four says it wrote`);
        t.equal(new Set(results.map((r) => `${r.nextExpectedRevision}:${r.position.commit}:${r.position.prepare}`)).size, 1, `${name} #${round}: all answer alike otherwise`);
        t.equal((await collect(store.readStream(stream))).length, 1, `${name} #${round}: stored once`);
      }
    }
  });
}
