// The adapter's reads, against a stub client: options mapped to the client's constants, events
// mapped back (metadata envelope stripped of the chain key, hash, position, recordedAt), errors
// mapped, system events left out, `after` exclusive, filters exact, early stops cancelled.
import { randomUUID } from 'node:crypto';
import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError as EsdbStreamNotFoundError, type AllStreamResolvedEvent } from '@eventstore/db-client';
import t from 'tap';
import { createEventStoreDbEventStoreFromClient, ForeignEventError } from '../../src/eventstoredb/index.js';
import { GENESIS_HASH, StreamNotFoundError, canonicalContent, chainHash, verifyStreamChain } from '../../src/index.js';
import type { EventToAppend, Json, JsonObject } from '../../src/index.js';
import { collect, thrownBy } from '../contract/support.js';
import { Streams, chainedStream } from './fixture.js';
import { clientEvent, position, resolved, stubClient } from './stub-client.js';

const STREAM = 'workOrder-1';

t.test('readStream maps direction, start and count to the client, and events back', async (t) => {
  const metadata: JsonObject = { correlationId: 'c-1', actor: { id: 'u-1', role: 'intake_clerk', organisation: 'centre' } };
  const stored = chainedStream(STREAM, [{ id: randomUUID(), type: 'WorkOrderDispatched', data: { order: 'A-1' }, metadata }, { id: randomUUID() }], 40);
  const first = stored[0]?.event;
  const streams = new Streams({ [STREAM]: stored });
  const { client, calls } = stubClient({ readStream: (name, options) => streams.read(name, options) });
  const store = createEventStoreDbEventStoreFromClient(client);

  const [event] = await collect(store.readStream(STREAM));
  t.same(calls.readStream[0]?.options, { direction: FORWARDS, fromRevision: START }, 'forwards from START, no count');
  t.same(
    event && { ...event, recordedAt: event.recordedAt.toISOString() },
    {
      id: first?.id,
      streamName: STREAM,
      revision: 0n,
      position: position(40),
      type: 'WorkOrderDispatched',
      data: { order: 'A-1' },
      metadata,
      recordedAt: first?.created.toISOString(),
      hash: chainHash(GENESIS_HASH, canonicalContent({ streamName: STREAM, revision: 0n, id: first?.id ?? '', type: 'WorkOrderDispatched', data: { order: 'A-1' }, metadata })),
    },
    "metadata is exactly the caller's (no $chain); the hash, position and recordedAt come from the stored event",
  );

  await collect(store.readStream(STREAM, { direction: 'backwards' }));
  t.same(calls.readStream[1]?.options, { direction: BACKWARDS, fromRevision: END }, 'backwards from END');
  await collect(store.readStream(STREAM, { direction: 'backwards', fromRevision: 1n, maxCount: 1 }));
  t.same(calls.readStream[2]?.options, { direction: BACKWARDS, fromRevision: 1n, maxCount: 1 }, 'a revision and a count pass through');
});

t.test("readStream: the client's StreamNotFoundError becomes the store's", async (t) => {
  const { client } = stubClient({ readStream: (name) => ({ events: [], error: new EsdbStreamNotFoundError(undefined, name) }) });
  const store = createEventStoreDbEventStoreFromClient(client);
  const error = await thrownBy(collect(store.readStream('workOrder-missing')));
  t.ok(error instanceof StreamNotFoundError, 'StreamNotFoundError');
  t.equal(error instanceof StreamNotFoundError ? error.streamName : undefined, 'workOrder-missing');
  const zero = await thrownBy(collect(store.readStream('workOrder-missing', { maxCount: 0 })));
  t.ok(zero instanceof StreamNotFoundError, 'maxCount 0 on a missing stream says so too');
  const unnamed = await thrownBy(collect(store.readStream('')));
  t.ok(unnamed instanceof StreamNotFoundError, 'no stream has an empty name');
});

t.test('readStream: stopping early cancels the read; maxCount 0 yields nothing', async (t) => {
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, [{ id: randomUUID() }, { id: randomUUID() }, { id: randomUUID() }]) });
  const { client, calls } = stubClient({ readStream: (name, options) => streams.read(name, options) });
  const store = createEventStoreDbEventStoreFromClient(client);
  for await (const _ of store.readStream(STREAM)) break;
  t.equal(calls.cancelled, 1, 'the client read was cancelled');
  t.same(await collect(store.readStream(STREAM, { maxCount: 0 })), [], 'maxCount 0: nothing');
  t.equal(calls.readStream.at(-1)?.options.maxCount, 1, '(one event read to learn the stream exists)');
});

t.test('appended events read back: metadata as appended, hashes that verify as a chain', async (t) => {
  const streams = new Streams();
  const { client } = stubClient({
    readStream: (name, options) => streams.read(name, options),
    appendToStream: async (call) => streams.accept(call),
  });
  const store = createEventStoreDbEventStoreFromClient(client);
  const metadata: JsonObject = { correlationId: 'c-9', note: 'Grüße, 你好', nested: { b: 1, a: [true, null] } };
  const events: EventToAppend[] = [
    { id: randomUUID(), type: 'Opened', data: { 'z': 1, 'a': 2, '10': 'x' }, metadata },
    { id: randomUUID(), type: 'Scalar', data: 'just a string' },
    { id: randomUUID(), type: 'Null', data: null },
    { id: randomUUID(), type: 'Number', data: 42 },
  ];
  await store.appendToStream(STREAM, events);
  const read = await collect(store.readStream(STREAM));
  t.same(read.map((e) => e.metadata), [metadata, {}, {}, {}], 'metadata exactly as appended');
  t.same(read.map((e): Json => e.data), events.map((e) => e.data), 'data as appended, including top-level scalars and null');
  t.same(await verifyStreamChain(read), { intact: true, events: 4, lastHash: read[3]?.hash }, 'the chain verifies');
});

t.test('an event without a chain link is reported, not passed off as the store’s', async (t) => {
  const foreign = resolved(clientEvent({ streamId: STREAM, revision: 0n, id: randomUUID(), type: 'Imported', data: {}, metadata: { by: 'someone else' }, position: position(1) }));
  const { client } = stubClient({ readStream: () => ({ events: [foreign] }) });
  const store = createEventStoreDbEventStoreFromClient(client);
  const error = await thrownBy(collect(store.readStream(STREAM)));
  t.ok(error instanceof ForeignEventError, 'ForeignEventError');
  t.equal(error instanceof ForeignEventError ? error.code : undefined, 'foreign_event');
});

t.test('a stream read from a server that sends no global position fails clearly (the client gives such events position 0/0)', async (t) => {
  // client 6.2.1 reads the position as getCommitPosition()/getPreparePosition(), which protobuf
  // defaults to "0" when the server (< 22.6) sends none: never undefined, so only 0/0 can tell
  const [stored] = chainedStream(STREAM, [{ id: randomUUID() }]);
  const event = stored?.event;
  if (!event) throw new Error('no event');
  const { client } = stubClient({ readStream: () => ({ events: [resolved({ ...event, position: { commit: 0n, prepare: 0n } })] }) });
  const store = createEventStoreDbEventStoreFromClient(client);
  await t.rejects(collect(store.readStream(STREAM)), { message: /no global position.*server >= 22\.6/ }, 'refused, naming the server version needed');
});

/** $all as the client returns it: the adapter's events of several streams, and system events. */
function allStream(): { events: AllStreamResolvedEvent[]; ids: Record<string, string[]> } {
  const system = (n: number, streamId: string, type: string) =>
    resolved(clientEvent({ streamId, revision: 0n, id: randomUUID(), type, data: {}, metadata: {}, position: position(n) }));
  const orders = chainedStream('workOrder-1', [{ id: randomUUID(), type: 'WorkOrderDispatched' }, { id: randomUUID(), type: 'WorkOrderSigned' }], 10);
  const bare = chainedStream('workOrder', [{ id: randomUUID(), type: 'WorkOrderDispatched' }], 20);
  const lookalike = chainedStream('workOrderX-1', [{ id: randomUUID(), type: 'WorkOrderDispatched' }], 30);
  const cases = chainedStream('legalAid-7', [{ id: randomUUID(), type: 'ApplicationReceived' }], 40);
  const events = [
    system(1, '$settings', '$settings'),
    ...orders.slice(0, 1),
    system(12, '$$workOrder-1', '$metadata'),
    ...orders.slice(1),
    ...bare,
    ...lookalike,
    ...cases,
    system(50, '$bureau-event-id-x', '$EventIdClaimed'),
    system(51, '$ce-workOrder', '$>'),
  ];
  const idsOf = (list: AllStreamResolvedEvent[]) => list.map((e) => e.event?.id ?? '');
  return { events, ids: { orders: idsOf(orders), bare: idsOf(bare), lookalike: idsOf(lookalike), cases: idsOf(cases) } };
}

t.test('readAll: global order without system events; after exclusive; exact filters; maxCount', async (t) => {
  const all = allStream();
  const { client, calls } = stubClient({ readAll: () => ({ events: all.events }) });
  const store = createEventStoreDbEventStoreFromClient(client);
  const ids = (list: { id: string }[]) => list.map((e) => e.id);
  const { orders = [], bare = [], lookalike = [], cases = [] } = all.ids;

  t.same(ids(await collect(store.readAll())), [...orders, ...bare, ...lookalike, ...cases], 'every event of the store, no system event');
  t.same(calls.readAll[0], { direction: FORWARDS, fromPosition: START }, 'from START, forwards');

  t.same(ids(await collect(store.readAll({ after: position(11) }))), [...bare, ...lookalike, ...cases], 'after is exclusive');
  t.same(calls.readAll[1]?.fromPosition, position(11), 'the client reads from that position (inclusively)');

  t.same(ids(await collect(store.readAll({ filter: { streamCategories: ['workOrder'] } }))), [...orders, ...bare], 'category: workOrder-… and the bare stream, not workOrderX');
  t.same(ids(await collect(store.readAll({ filter: { eventTypePrefixes: ['WorkOrderS', 'Application'] } }))), [orders[1], ...cases], 'event type prefixes');

  const cancelledBefore = calls.cancelled;
  t.same(ids(await collect(store.readAll({ maxCount: 2 }))), orders, 'maxCount counts delivered events');
  t.equal(calls.cancelled, cancelledBefore + 1, 'and the read is cancelled once it has them');
  t.same(await collect(store.readAll({ maxCount: 0 })), [], 'maxCount 0: nothing');
});

t.test('headPosition: the last event of the store, skipping system events; undefined when none', async (t) => {
  const all = allStream();
  const backwards = [...all.events].reverse();
  const { client, calls } = stubClient({ readAll: () => ({ events: backwards }) });
  const store = createEventStoreDbEventStoreFromClient(client);
  t.same(await store.headPosition(), position(40), 'the last non-system event');
  t.same(calls.readAll[0], { direction: BACKWARDS, fromPosition: END }, 'read backwards from END');
  const empty = stubClient({ readAll: () => ({ events: backwards.filter((e) => e.event?.streamId.startsWith('$')) }) });
  t.equal(await createEventStoreDbEventStoreFromClient(empty.client).headPosition(), undefined, 'only system events: undefined');
});

t.test('close disposes of the client', async (t) => {
  const { client, calls } = stubClient({});
  await createEventStoreDbEventStoreFromClient(client).close();
  t.equal(calls.disposed, 1);
});
