// The adapter's append, against a stub client: expected revision mapping, the client-side hash
// chain, the retry loop, idempotent retries, event id claims and error mapping.
import { randomUUID } from 'node:crypto';
import { NO_STREAM, WrongExpectedVersionError, type AppendResult as EsdbAppendResult } from '@eventstore/db-client';
import t from 'tap';
import { CLAIM_EVENT_TYPE, claimEventId, claimStreamName, CLAIM_STREAM_PREFIX } from '../../src/eventstoredb/event-id-claims.js';
import { createEventStoreDbEventStoreFromClient, type AppendRetry } from '../../src/eventstoredb/index.js';
import { GENESIS_HASH, InvalidEventStoreInputError, WrongExpectedRevisionError, canonicalContent, chainHash, verifyStreamChain } from '../../src/index.js';
import type { EventToAppend, ExpectedRevision, RecordedEvent } from '../../src/index.js';
import { collect, thrownBy } from '../contract/support.js';
import { Streams, chainedStream } from './fixture.js';
import { type AppendCall, clientEvent, position, resolved, stubClient } from './stub-client.js';

const STREAM = 'workOrder-1';

function newEvent(type = 'Noted', data: EventToAppend['data'] = {}, metadata: EventToAppend['metadata'] = {}): EventToAppend & { id: string } {
  return { id: randomUUID(), type, data, metadata };
}

/** The writer id sealed into an event's link (the last of each append carries one). */
const writerOf = (metadata: unknown): string | undefined => {
  const w = (metadata as { $chain?: { w?: unknown } } | undefined)?.$chain?.w;
  return typeof w === 'string' ? w : undefined;
};

const isClaim = (call: AppendCall): boolean => call.streamName.startsWith(CLAIM_STREAM_PREFIX);
/** The adapter's question to the server where a stream with nothing to read is numbered from: an empty append it always refuses. */
const isProbe = (call: AppendCall): boolean => call.events.length === 0;

interface Setup {
  /** Answers main-stream appends; by default the client reports them written. */
  onAppend?(call: AppendCall, streams: Streams): Promise<EsdbAppendResult>;
  /** Answers claims; by default every claim is granted. */
  onClaim?(call: AppendCall, streams: Streams): Promise<EsdbAppendResult>;
  retry?: AppendRetry;
}

function setup(streams: Streams, options: Setup = {}) {
  const pauses: number[] = [];
  const retry: AppendRetry = options.retry ?? {
    pause: async (attempt) => {
      pauses.push(attempt);
    },
  };
  const { client, calls } = stubClient({
    readStream: (streamName, readOptions) => streams.read(streamName, readOptions),
    appendToStream: async (call) => {
      if (isClaim(call)) return options.onClaim ? options.onClaim(call, streams) : streams.accept(call);
      return options.onAppend ? options.onAppend(call, streams) : streams.accept(call);
    },
  });
  const store = createEventStoreDbEventStoreFromClient(client, { retry });
  const mainAppends = () => calls.append.filter((c) => !isClaim(c) && !isProbe(c));
  const claims = () => calls.append.filter(isClaim);
  return { store, calls, pauses, mainAppends, claims };
}

t.test('a new stream: appended with NO_STREAM, each event carrying its chain link; the result is read back', async (t) => {
  // given an empty store
  const streams = new Streams();
  const { store, calls, mainAppends, claims } = setup(streams);
  const first = newEvent('WorkOrderDispatched', { order: 'A-1' }, { correlationId: 'c-1' });
  const second = newEvent('WorkOrderSigned', { by: 'centre' });

  // when two events are appended (expected revision defaults to any)
  const result = await store.appendToStream(STREAM, [first, second]);

  // then the client was asked to create the stream
  const [append] = mainAppends();
  t.equal(append?.options.expectedRevision, NO_STREAM, 'no stream read: appended with NO_STREAM');
  const h0 = chainHash(GENESIS_HASH, canonicalContent({ streamName: STREAM, revision: 0n, id: first.id, type: first.type, data: first.data, metadata: { correlationId: 'c-1' } }));
  const h1 = chainHash(h0, canonicalContent({ streamName: STREAM, revision: 1n, id: second.id, type: second.type, data: second.data, metadata: {} }));
  t.same(
    append?.events.map((e) => ({ id: e.id, type: e.type, contentType: e.contentType, data: e.data, metadata: e.metadata })),
    [
      { id: first.id, type: first.type, contentType: 'application/json', data: first.data, metadata: { correlationId: 'c-1', $chain: { v: 1, hash: h0 } } },
      { id: second.id, type: second.type, contentType: 'application/json', data: second.data, metadata: { $chain: { v: 1, hash: h1, w: append?.events[1] && writerOf(append.events[1].metadata) } } },
    ],
    "the caller's metadata plus $chain, whose hash is chainHash of the canonical content; the last event's link names the writer",
  );
  t.match(writerOf(append?.events[1]?.metadata), /^[0-9a-f-]{36}$/, "the writer: a random id of this call's");
  // each id was claimed for this stream first
  t.same(
    claims().map((c) => ({ stream: c.streamName, expected: c.options.expectedRevision, id: c.events[0]?.id, type: c.events[0]?.type, data: c.events[0]?.data })),
    [first, second].map((e) => ({ stream: claimStreamName(e.id), expected: NO_STREAM, id: claimEventId(e.id, STREAM), type: CLAIM_EVENT_TYPE, data: { streamName: STREAM } })),
    'one claim per event id, with no_stream',
  );
  t.ok(calls.log.indexOf(`append ${STREAM}`) > calls.log.lastIndexOf(`append ${claimStreamName(second.id)}`), 'claims come before the append');
  const lastStored = streams.byName.get(STREAM)?.[1]?.event?.position;
  t.ok(lastStored && lastStored.commit !== 1_000_000n, 'the reply named another position than the stored event');
  t.same(result, { nextExpectedRevision: 1n, position: lastStored, written: true }, "the last event's revision and read-back position, not the reply's");
});

t.test('an existing stream: the chain continues from its last hash, guarded by the exact revision read', async (t) => {
  // given a stream of three events written by the adapter
  const stored = chainedStream(STREAM, [{ id: randomUUID() }, { id: randomUUID() }, { id: randomUUID() }]);
  const streams = new Streams({ [STREAM]: stored });
  const { store, mainAppends } = setup(streams);
  const next = newEvent('Noted', { n: 3 });

  // when one more is appended at exact revision 2
  const result = await store.appendToStream(STREAM, [next], { expectedRevision: 2n });

  // then
  const [append] = mainAppends();
  t.equal(append?.options.expectedRevision, 2n, 'guarded by the revision read');
  const lastHash = (await collect(store.readStream(STREAM, { fromRevision: 2n, maxCount: 1 })))[0]?.hash ?? '';
  const expectedHash = chainHash(lastHash, canonicalContent({ streamName: STREAM, revision: 3n, id: next.id, type: 'Noted', data: { n: 3 }, metadata: {} }));
  t.same(append?.events[0]?.metadata, { $chain: { v: 1, hash: expectedHash, w: writerOf(append?.events[0]?.metadata) } }, 'chained from the last stored hash');
  t.equal(result.nextExpectedRevision, 3n);
  t.same(await verifyStreamChain(store.readStream(STREAM)), { intact: true, events: 4, lastHash: expectedHash }, 'the stream verifies');
});

t.test("the caller's expectation is checked against what was read: WrongExpectedRevisionError, nothing appended", async (t) => {
  const existing = chainedStream(STREAM, [{ id: randomUUID() }, { id: randomUUID() }, { id: randomUUID() }]);
  const cases: Array<[string, Streams, ExpectedRevision, bigint]> = [
    ['no_stream on an existing stream', new Streams({ [STREAM]: existing }), 'no_stream', 2n],
    ['stream_exists on a missing stream', new Streams(), 'stream_exists', -1n],
    ['exact revision behind the stream', new Streams({ [STREAM]: existing }), 1n, 2n],
    ['exact revision ahead of the stream', new Streams({ [STREAM]: existing }), 5n, 2n],
    ['exact revision on a missing stream', new Streams(), 0n, -1n],
  ];
  for (const [name, streams, expected, actual] of cases) {
    const { store, calls } = setup(streams);
    const error = await thrownBy(store.appendToStream(STREAM, [newEvent()], { expectedRevision: expected }));
    t.ok(error instanceof WrongExpectedRevisionError, `${name}: WrongExpectedRevisionError`);
    if (error instanceof WrongExpectedRevisionError) {
      t.same([error.streamName, error.expectedRevision, error.actualRevision], [STREAM, expected, actual], `${name}: stream, expected, actual ${actual}`);
    }
    t.equal(calls.append.length, 0, `${name}: no append, no claim`);
  }
});

/** The stream after another writer appended `extra` events behind the adapter's back. */
function grownBy(streams: Streams, ids: string[]): void {
  streams.byName.set(STREAM, chainedStream(STREAM, ids.map((id) => ({ id }))));
}

t.test('any: a lost race (the client\'s WrongExpectedVersionError) re-reads, pauses and retries on the new tip', async (t) => {
  // given a stream at revision 0, and a concurrent writer that appends just before our first write
  const ids = [randomUUID()];
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, ids.map((id) => ({ id }))) });
  let lost = false;
  const { store, mainAppends, claims, pauses } = setup(streams, {
    onAppend: async (call, s) => {
      if (lost) return s.accept(call);
      lost = true;
      grownBy(s, [...ids, randomUUID()]);
      throw new WrongExpectedVersionError(undefined, { streamName: STREAM, expected: 0n, current: 1n });
    },
  });
  const event = newEvent();

  // when
  const result = await store.appendToStream(STREAM, [event]);

  // then
  t.same(mainAppends().map((c) => c.options.expectedRevision), [0n, 1n], 'first guarded by 0n, then by the new tip 1n');
  const tipHash = (await collect(store.readStream(STREAM, { fromRevision: 1n, maxCount: 1 })))[0]?.hash ?? '';
  const expectedHash = chainHash(tipHash, canonicalContent({ streamName: STREAM, revision: 2n, id: event.id, type: 'Noted', data: {}, metadata: {} }));
  t.same(mainAppends()[1]?.events[0]?.metadata, { $chain: { v: 1, hash: expectedHash, w: writerOf(mainAppends()[1]?.events[0]?.metadata) } }, 'the hash is recomputed from the new tip');
  t.same(pauses, [1], 'paused once, with jitter, before the second attempt');
  t.equal(claims().length, 1, 'the id was claimed once');
  t.equal(result.nextExpectedRevision, 2n);
  t.same((await verifyStreamChain(store.readStream(STREAM))).intact, true, 'the chain stays intact');
});

t.test('exact revision: a lost race surfaces WrongExpectedRevisionError with the actual revision', async (t) => {
  const ids = [randomUUID()];
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, ids.map((id) => ({ id }))) });
  const { store, mainAppends, pauses } = setup(streams, {
    onAppend: async (_call, s) => {
      grownBy(s, [...ids, randomUUID()]);
      throw new WrongExpectedVersionError(undefined, { streamName: STREAM, expected: 0n, current: 1n });
    },
  });
  const error = await thrownBy(store.appendToStream(STREAM, [newEvent()], { expectedRevision: 0n }));
  t.ok(error instanceof WrongExpectedRevisionError, 'WrongExpectedRevisionError');
  t.equal(error instanceof WrongExpectedRevisionError ? error.actualRevision : undefined, 1n, 'actual revision 1n, as re-read');
  t.equal(mainAppends().length, 1, 'no second append');
  t.same(pauses, [], 'no pause');
});

t.test('any: however many races it loses on a hot stream, it is written in the end (was: refused after 25)', async (t) => {
  const ids = [randomUUID()];
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, ids.map((id) => ({ id }))) });
  let lost = 0;
  const { store, mainAppends, pauses } = setup(streams, {
    onAppend: async (call, s) => {
      if (lost === 40) return s.accept(call);
      lost += 1;
      // A rival got in first each time: the stream grew by one before our write.
      ids.push(randomUUID());
      grownBy(s, ids);
      throw new WrongExpectedVersionError(undefined, { streamName: STREAM, expected: 0n, current: s.lastRevision(STREAM) });
    },
  });
  const result = await store.appendToStream(STREAM, [newEvent()], { expectedRevision: 'any' });
  t.equal(mainAppends().length, 41, 'forty lost races, then written');
  t.equal(pauses.length, 40, 'a pause after each');
  t.equal(result.written, true);
  t.equal(result.nextExpectedRevision, 41n, 'after the forty events the rivals wrote');
  t.same((await verifyStreamChain(store.readStream(STREAM))).intact, true, 'the chain stays intact');
});

t.test('a refusal at the very revision a read reports is no race: after three, a clear error, not an endless loop', async (t) => {
  const streams = new Streams();
  const { store, mainAppends } = setup(streams, {
    onAppend: async () => {
      throw new WrongExpectedVersionError(undefined, { streamName: STREAM, expected: NO_STREAM, current: NO_STREAM });
    },
  });
  const error = await thrownBy(store.appendToStream(STREAM, [newEvent()], { expectedRevision: 'any' }));
  t.match(error, { message: /refuses appends at revision -1.*deleted or truncated/ });
  t.equal(mainAppends().length, 3);
});

t.test('an append larger than the server takes is refused first, as invalid input, and claims nothing', async (t) => {
  const streams = new Streams();
  const { store, calls } = setup(streams);
  const error = await thrownBy(store.appendToStream(STREAM, [newEvent('Noted', { text: 'x'.repeat(600_000) }), newEvent('Noted', { text: 'y'.repeat(600_000) })]));
  t.ok(error instanceof InvalidEventStoreInputError, 'the contract\'s invalid-input error');
  t.match(error, { field: 'events' });
  t.equal(calls.append.length, 0, 'no claim, no append');
});

t.test('a retry of a batch already stored answers as the first call did, without writing', async (t) => {
  const opened = randomUUID();
  const a = newEvent('A');
  const b = newEvent('B');
  const cases: Array<[string, ExpectedRevision, string[], bigint, number]> = [
    ['no_stream', 'no_stream', [a.id, b.id], 1n, 2],
    ['exact', 0n, [opened, a.id, b.id], 2n, 3],
    ['any, batch at the end', 'any', [opened, a.id, b.id], 2n, 3],
    ['any, batch further back', 'any', [opened, a.id, b.id, randomUUID()], 2n, 3],
    ['stream_exists', 'stream_exists', [opened, a.id, b.id], 2n, 3],
  ];
  for (const [name, expected, ids, last, lastPosition] of cases) {
    const streams = new Streams({ [STREAM]: chainedStream(STREAM, ids.map((id) => ({ id }))) });
    const { store, calls } = setup(streams);
    // ids come back lower-cased, so an upper-cased retry is the same batch
    const retry = [a, { ...b, id: b.id.toUpperCase() }];
    const result = await store.appendToStream(STREAM, retry, { expectedRevision: expected });
    t.same(result, { nextExpectedRevision: last, position: position(lastPosition), written: false }, `${name}: the stored batch's result, not written`);
    t.equal(calls.append.length, 0, `${name}: nothing appended, nothing claimed`);
  }
});

t.test('ids already in the stream but not as a retry: refused, nothing written', async (t) => {
  const a = newEvent('A');
  const b = newEvent('B');
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, [{ id: a.id }, { id: b.id }]) });
  const { store, calls } = setup(streams);
  const overlap = await thrownBy(store.appendToStream(STREAM, [b, newEvent('C')]));
  t.ok(overlap instanceof InvalidEventStoreInputError, 'a batch overlapping stored events: InvalidEventStoreInputError');
  t.equal(overlap instanceof InvalidEventStoreInputError ? overlap.field : undefined, 'events[0].id');
  const moved = await thrownBy(store.appendToStream(STREAM, [a, b], { expectedRevision: 0n }));
  t.ok(moved instanceof WrongExpectedRevisionError, 'a "retry" naming another place fails its guard');
  t.equal(calls.append.length, 0, 'nothing appended');
});

t.test('an id claimed by another stream is refused, naming it; one claimed by this stream is fine', async (t) => {
  const fresh = newEvent('Fresh');
  const taken = newEvent('Taken');
  const claimedElsewhere = resolved(clientEvent({ streamId: claimStreamName(taken.id), revision: 0n, id: claimEventId(taken.id, 'workOrder-2'), type: CLAIM_EVENT_TYPE, data: { streamName: 'workOrder-2' }, metadata: {}, position: position(5) }));
  const streams = new Streams({ [claimStreamName(taken.id)]: [claimedElsewhere] });
  const { store, mainAppends } = setup(streams, {
    onClaim: async (call, s) => {
      if (call.streamName === claimStreamName(taken.id)) {
        throw new WrongExpectedVersionError(undefined, { streamName: call.streamName, expected: NO_STREAM, current: 0n });
      }
      return s.accept(call);
    },
  });
  const error = await thrownBy(store.appendToStream(STREAM, [fresh, taken]));
  t.ok(error instanceof InvalidEventStoreInputError, 'InvalidEventStoreInputError');
  t.equal(error instanceof InvalidEventStoreInputError ? error.field : undefined, 'events[1].id', 'names the taken id');
  t.equal(mainAppends().length, 0, 'the stream was not appended to');

  // a claim left by this very stream (an earlier attempt that lost its race) is this stream's
  const ours = newEvent('Ours');
  const claimedHere = resolved(clientEvent({ streamId: claimStreamName(ours.id), revision: 0n, id: claimEventId(ours.id, STREAM), type: CLAIM_EVENT_TYPE, data: { streamName: STREAM }, metadata: {}, position: position(6) }));
  const streams2 = new Streams({ [claimStreamName(ours.id)]: [claimedHere] });
  const second = setup(streams2, {
    onClaim: async (call) => {
      throw new WrongExpectedVersionError(undefined, { streamName: call.streamName, expected: NO_STREAM, current: 0n });
    },
  });
  const result = await second.store.appendToStream(STREAM, [ours]);
  t.equal(result.nextExpectedRevision, 0n, 'appended');
});

t.test("the client's other errors pass through unchanged", async (t) => {
  const boom = new Error('connection refused');
  const { store } = setup(new Streams(), {
    onAppend: async () => {
      throw boom;
    },
  });
  t.equal(await thrownBy(store.appendToStream(STREAM, [newEvent()])), boom);
});

t.test('a second append reads only what was added since the first', async (t) => {
  const streams = new Streams();
  const { store, calls } = setup(streams);
  await store.appendToStream(STREAM, [newEvent(), newEvent()]);
  const before = calls.readStream.length;
  await store.appendToStream(STREAM, [newEvent()], { expectedRevision: 1n });
  const tipRead = calls.readStream[before];
  t.same([tipRead?.streamName, tipRead?.options.fromRevision], [STREAM, 2n], 'the tip read starts after the last known revision');
  const all: RecordedEvent[] = await collect(store.readStream(STREAM));
  t.same(all.map((e) => e.revision), [0n, 1n, 2n]);
});

t.test('ids the adapter generates are not claimed: they carry its mark (uuid v8), and cannot be in use', async (t) => {
  const { store, mainAppends, claims } = setup(new Streams());
  const given = newEvent('Given');
  await store.appendToStream(STREAM, [{ type: 'Generated', data: {} }, given]);
  t.same(claims().map((c) => c.streamName), [claimStreamName(given.id)], 'only the caller-chosen id is claimed');
  const generatedId = mainAppends()[0]?.events[0]?.id ?? '';
  t.match(generatedId, /^[0-9a-f]{8}-[0-9a-f]{4}-8b1d-bb1d-[0-9a-f]{12}$/, 'the generated id is a uuid v8 with the mark');
});

t.test('same ids, other content: the server says success (it compares ids only), the stored head hash says the rival won: written: false, its links not cached', async (t) => {
  // given a stream at revision 0, and a rival that sends our event id with other content first
  const opened = randomUUID();
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, [{ id: opened }]) });
  const ours = newEvent('Noted', { occurredAt: '2026-12-07T01:00:00.000Z' });
  let rivalled = false;
  const { store, mainAppends } = setup(streams, {
    onAppend: async (call, s) => {
      if (rivalled) return s.accept(call);
      rivalled = true;
      // The rival's redelivered command: the same event id, a new occurredAt. Stored at revision 1.
      s.byName.set(STREAM, chainedStream(STREAM, [{ id: opened }, { id: ours.id, data: { occurredAt: '2026-12-07T01:00:05.000Z' } }]));
      // The server finds the ids already at revision 1 and answers as for an idempotent retry.
      return { success: true, nextExpectedRevision: 1n, position: position(1_000_000) };
    },
  });

  // when
  const result = await store.appendToStream(STREAM, [ours], { expectedRevision: 0n });

  // then the loser is told it wrote nothing, with the stored batch's place
  const stored = (await collect(store.readStream(STREAM)))[1];
  t.same(result, { nextExpectedRevision: 1n, position: stored?.position, written: false }, 'written: false, the stored event\'s revision and position');

  // and its next append chains on the hash that is stored, not on the one it computed
  const next = newEvent('Noted', { n: 2 });
  await store.appendToStream(STREAM, [next], { expectedRevision: 1n });
  const expectedHash = chainHash(stored?.hash ?? '', canonicalContent({ streamName: STREAM, revision: 2n, id: next.id, type: 'Noted', data: { n: 2 }, metadata: {} }));
  t.same(mainAppends()[1]?.events[0]?.metadata, { $chain: { v: 1, hash: expectedHash, w: writerOf(mainAppends()[1]?.events[0]?.metadata) } }, 'chained from the stored head');
  t.same((await verifyStreamChain(store.readStream(STREAM))).intact, true, 'the chain stays intact');
});

t.test('an id the store generated for one stream, later given for another, is refused (it was never claimed)', async (t) => {
  const streams = new Streams();
  const { store, mainAppends } = setup(streams);
  await store.appendToStream(STREAM, [{ type: 'Generated', data: {} }]);
  const generated = mainAppends()[0]?.events[0]?.id ?? '';
  // the caller read the event back and sends its id with an event for another stream
  const error = await thrownBy(store.appendToStream('workOrder-2', [newEvent('Fresh'), { id: generated, type: 'Copied', data: {} }]));
  t.ok(error instanceof InvalidEventStoreInputError, 'InvalidEventStoreInputError');
  t.equal(error instanceof InvalidEventStoreInputError ? error.field : undefined, 'events[1].id', 'names the id');
  t.equal(mainAppends().length, 1, 'nothing appended to the other stream');
  // sent again to its own stream, as a retry, it is the retry it is
  const retried = await store.appendToStream(STREAM, [{ id: generated, type: 'Generated', data: {} }], { expectedRevision: 'no_stream' });
  t.same([retried.written, retried.nextExpectedRevision], [false, 0n], 'a retry into its own stream: written: false');
});

t.test('the same batch, same content, from two writers (a redelivered dispatch): the server says success to both, only the writer whose write is stored says written: true', async (t) => {
  const opened = randomUUID();
  const streams = new Streams({ [STREAM]: chainedStream(STREAM, [{ id: opened }]) });
  const batch = [newEvent('WorkOrderDispatched', { order: 'A-1' }), newEvent('Noted')];
  let rivalled = false;
  const { store, mainAppends } = setup(streams, {
    onAppend: async (call, s) => {
      if (rivalled) return s.accept(call);
      rivalled = true;
      // The other instance's identical append landed first: same ids, same content, its own writer id.
      const rival = call.events.map((e) => {
        const link = (e.metadata as { $chain?: Record<string, unknown> }).$chain ?? {};
        return { ...e, metadata: { $chain: 'w' in link ? { ...link, w: randomUUID() } : link } };
      });
      s.accept({ ...call, events: rival });
      // The server finds the ids stored and answers as for an idempotent retry.
      return { success: true, nextExpectedRevision: 2n, position: position(1_000_000) };
    },
  });

  const result = await store.appendToStream(STREAM, batch, { expectedRevision: 0n });
  const stored = await collect(store.readStream(STREAM));
  t.same(result, { nextExpectedRevision: 2n, position: stored[2]?.position, written: false }, 'written: false: the stored write is the other one');

  // the links are the stored ones (same content), so the next append chains on
  await store.appendToStream(STREAM, [newEvent()], { expectedRevision: 2n });
  t.equal(mainAppends().length, 2, 'appended without re-reading a race');
  t.same((await verifyStreamChain(store.readStream(STREAM))).intact, true, 'the chain stays intact');

  // and the writer whose write is stored says written: true
  const alone = setup(new Streams({ [STREAM]: chainedStream(STREAM, [{ id: opened }]) }));
  t.equal((await alone.store.appendToStream(STREAM, batch, { expectedRevision: 0n })).written, true, 'alone: written: true');
});
