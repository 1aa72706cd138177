// Batched stream reads give each reader exactly what a read of its own would: the same events, pages,
// directions and errors, whatever else shares its query.
import t from 'tap';
import { freshDatabase } from '@bureau/testing';
import { StreamNotFoundError, type ReadStreamOptions, type RecordedEvent } from '../../src/index.js';
import { createPostgresEventStore } from '../../src/postgres/index.js';
import { collect, thrownBy } from '../contract/support.js';

const url = await freshDatabase(t);

t.test('concurrent stream reads in shared queries match reads made one by one', async (t) => {
  // maxInFlight 1: every read that arrives while one query is out waits for the next, shared one
  const batched = await createPostgresEventStore({ connectionString: url, poolSize: 4, streamReadBatching: { maxInFlight: 1 } });
  const alone = await createPostgresEventStore({ connectionString: url, poolSize: 4, streamReadBatching: false, migrate: false });
  t.teardown(() => Promise.all([batched.close(), alone.close()]));

  const lengths = { 'sp-one': 1, 'sp-ten': 10, 'sp-long': 2_500, 'sp-seven': 7 };
  for (const [name, length] of Object.entries(lengths)) {
    for (let from = 0; from < length; from += 500) {
      const n = Math.min(500, length - from);
      await alone.appendToStream(name, Array.from({ length: n }, (_, i) => ({ type: 'Noted', data: { i: from + i } })));
    }
  }
  const reads: Array<[string, ReadStreamOptions]> = [
    ['sp-one', {}],
    ['sp-ten', {}],
    ['sp-long', {}],
    ['sp-ten', { fromRevision: 4n }],
    ['sp-ten', { fromRevision: 4n, maxCount: 3 }],
    ['sp-long', { fromRevision: 999n, maxCount: 1_200 }],
    ['sp-seven', { maxCount: 0 }],
    ['sp-ten', { fromRevision: 10n }],
    ['sp-long', { direction: 'backwards', maxCount: 1_100 }],
    ['sp-seven', { direction: 'backwards', fromRevision: 3n }],
    ['sp-seven', {}],
    ['sp-missing', { fromRevision: 3n }],
    ['sp-missing', { direction: 'backwards' }],
    ['sp-missing', {}],
  ];
  const outcome = async (store: typeof alone, name: string, options: ReadStreamOptions) => {
    try {
      return (await collect(store.readStream(name, options))).map((e: RecordedEvent) => `${e.revision}:${e.id}:${e.hash}:${JSON.stringify(e.data)}`);
    } catch (error) {
      return error instanceof StreamNotFoundError ? 'not found' : error;
    }
  };
  const expected = [];
  for (const [name, options] of reads) expected.push(await outcome(alone, name, options));
  for (let round = 0; round < 3; round += 1) {
    const got = await Promise.all([...reads, ...reads].map(([name, options]) => outcome(batched, name, options)));
    t.same(got, [...expected, ...expected], `round ${round}: every reader got its own stream, whole and in order`);
  }
  t.equal((expected[2] as string[]).length, 2_500, 'the long stream was read across pages');
  t.equal(expected.at(-1), 'not found', 'a missing stream is still StreamNotFoundError');
});

t.test('a failed shared query fails each of its readers, and the next reads work', async (t) => {
  // Every statement of this store gives up after 300 ms.
  const timeout = new URL(url);
  timeout.searchParams.set('options', '-c statement_timeout=300');
  const store = await createPostgresEventStore({ connectionString: timeout.toString(), poolSize: 3, streamReadBatching: { maxInFlight: 1 }, migrate: false });
  t.teardown(() => store.close());
  await store.appendToStream('sp-fail', [{ type: 'Noted', data: {} }]);
  // given a transaction that locks the events table past the timeout
  const locker = await store.pool.connect();
  await locker.query('set statement_timeout = 0');
  await locker.query('begin');
  await locker.query('lock table event_store.events in access exclusive mode');
  // when one read is out alone and two wait behind it for the next, shared, query
  const started = Date.now();
  const alone = thrownBy(collect(store.readStream('sp-fail')));
  const shared = Promise.all([thrownBy(collect(store.readStream('sp-fail'))), thrownBy(collect(store.readStream('sp-other')))]);
  const timedOut = (e: unknown) => e instanceof Error && /statement timeout/.test(e.message);
  t.ok(timedOut(await alone), 'the lone read got its query error');
  const errors = await shared;
  t.ok(errors.every(timedOut), 'both readers of the shared query got its error');
  t.ok(Date.now() - started >= 550, 'after two timeouts, one per query');
  await locker.query('rollback');
  locker.release();
  t.equal((await collect(store.readStream('sp-fail'))).length, 1, 'a later read works');
});

t.test('an empty page costs no second query: one from revision 0 is no stream, one past the end is told by its own query', async (t) => {
  const store = await createPostgresEventStore({ connectionString: url, poolSize: 4, streamReadBatching: { maxInFlight: 1 }, migrate: false });
  t.teardown(() => store.close());
  await store.appendToStream('sp-end-a', [{ type: 'Noted', data: {} }, { type: 'Noted', data: {} }]);
  await store.appendToStream('sp-end-b', [{ type: 'Noted', data: {} }]);
  const sent: string[] = [];
  const query = store.pool.query.bind(store.pool);
  store.pool.query = ((config: unknown, ...rest: unknown[]) => {
    sent.push(typeof config === 'object' && config !== null && 'name' in config ? String(config.name) : String(config));
    return (query as (...args: unknown[]) => unknown)(config, ...rest);
  }) as typeof store.pool.query;
  const outcome = async (name: string, options: ReadStreamOptions = {}) => {
    try {
      return (await collect(store.readStream(name, options))).map((e: RecordedEvent) => Number(e.revision));
    } catch (error) {
      return error instanceof StreamNotFoundError ? 'not found' : error;
    }
  };
  // when one read goes alone and six wait for one shared query behind it
  const got = await Promise.all([
    outcome('sp-end-a'),
    outcome('sp-end-a', { fromRevision: 2n }),
    outcome('sp-end-b', { fromRevision: 1n }),
    outcome('sp-end-b', { fromRevision: 5n }),
    outcome('sp-end-none', { fromRevision: 1n }),
    outcome('sp-end-none'),
    outcome('sp-end-b'),
  ]);
  t.same(got, [[0, 1], [], [], [], 'not found', 'not found', [0]], 'past the end of a stream: nothing; a missing stream: not found, from any revision');
  t.same(sent, ['event_store_read_stream_forwards', 'event_store_read_stream_pages'], 'two queries in all: the lone read and the shared one');
  // a lone read of a missing stream, forwards from 0 and backwards: one query each
  sent.length = 0;
  t.equal(await outcome('sp-end-none'), 'not found');
  t.equal(await outcome('sp-end-none', { direction: 'backwards' }), 'not found');
  t.same(sent, ['event_store_read_stream_forwards', 'event_store_read_stream_backwards'], 'no existence query after an empty first page from revision 0, or backwards');
  // a lone read from a later revision goes by the shared query's statement, whose existence row tells
  // an empty page past the end from a missing stream: one query each, no existence query
  sent.length = 0;
  t.same(await outcome('sp-end-b', { fromRevision: 1n }), []);
  t.equal(await outcome('sp-end-none', { fromRevision: 1n }), 'not found');
  t.same(await outcome('sp-end-a', { fromRevision: 1n }), [1], 'and a page that is not empty');
  t.same(sent, ['event_store_read_stream_pages', 'event_store_read_stream_pages', 'event_store_read_stream_pages']);
  // without batched reads a page past the end still asks (its plain statement cannot say)
  const plain = await createPostgresEventStore({ connectionString: url, poolSize: 2, streamReadBatching: false, migrate: false });
  t.teardown(() => plain.close());
  t.same(await collect(plain.readStream('sp-end-b', { fromRevision: 1n })), []);
  await t.rejects(collect(plain.readStream('sp-end-none', { fromRevision: 1n })), StreamNotFoundError);
});
