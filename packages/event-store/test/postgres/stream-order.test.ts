// A stream's order in $all is its revision order. $all is ordered by transaction id; a transaction that
// took its id before waiting for a stream that a younger transaction then appended to would put its
// event after the other's in the stream but before it in $all. Such an append is refused with a
// serialization failure (nothing written, retry the transaction); the store's own appends retry.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, newEvent, sleep, thrownBy } from '../contract/support.js';
import { untilWaitingOnLock } from './lock-wait.js';

const url = await freshDatabase(t);
const store = await createPostgresEventStore({ connectionString: url });
t.teardown(() => store.close());

/** The stream's events as $all shows them, once it shows `count` (other test files' open transactions hold $all back a moment). */
async function streamInAll(stream: string, count: number) {
  for (const deadline = Date.now() + 10_000; ; await sleep(20)) {
    const events = (await collect(store.readAll({ filter: { streamCategories: ['order'] } }))).filter((e) => e.streamName === stream);
    if (events.length >= count || Date.now() > deadline) return events;
  }
}

for (const [path, withIds] of [['the one-event path (no caller ids)', false], ['the general path (caller ids)', true]] as const) {
  t.test(`${path}: an older transaction that waited for a younger one's append is refused`, async (t) => {
    const stream = `order-${withIds ? 'ids' : 'plain'}`;
    await store.appendToStream(stream, [newEvent('Opened')]);
    const older = await store.pool.connect();
    const younger = await store.pool.connect();
    t.teardown(() => {
      older.release();
      younger.release();
    });
    // given a transaction that took its id first (it wrote elsewhere), and a younger one holding the stream
    await older.query('begin');
    await older.query('select pg_current_xact_id()');
    await younger.query('begin');
    await store.appendToStreamInTransaction(younger, stream, [newEvent('Younger')]);
    // when the older one appends to the stream: it waits for the lock, and the younger one commits
    const event = withIds ? newEvent('Older') : { type: 'Older', data: {} };
    const refused = thrownBy(store.appendToStreamInTransaction(older, stream, [event]));
    await untilWaitingOnLock(store.pool);
    await younger.query('commit');
    const error = await refused;
    await older.query('rollback');
    // then
    t.match(error, { code: '40001' }, 'serialization failure: retry the transaction');
    t.match(String((error as Error).message), new RegExp(`stream ${stream}`), 'naming the stream');
    t.same((await collect(store.readStream(stream))).map((e) => e.type), ['Opened', 'Younger'], 'nothing of the refused append');
    t.same((await streamInAll(stream, 2)).map((e) => e.revision), [0n, 1n], '$all holds the stream in revision order');
  });
}

t.test("the store's own append racing a new stream's creator lands after it, in the stream and in $all", async (t) => {
  const stream = 'order-new';
  const holder = await store.pool.connect();
  t.teardown(() => holder.release());
  await holder.query('begin');
  await store.appendToStreamInTransaction(holder, stream, [newEvent('Created')], { expectedRevision: 'no_stream' });
  const own = store.appendToStream(stream, [newEvent('Next')]);
  await untilWaitingOnLock(store.pool);
  await holder.query('commit');
  t.equal((await own).nextExpectedRevision, 1n, 'appended after the creator');
  t.same((await streamInAll(stream, 2)).map((e) => e.type), ['Created', 'Next'], 'and after it in $all');
});
