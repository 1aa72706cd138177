// Streams EventStoreDB still numbers although their first events (or all) can no longer be read:
// soft-deleted, truncated ($tb), capped ($maxCount / $maxAge); and tombstoned (hard-deleted) ones.
// New events are numbered after the old ones, so the adapter must hash them at the revisions the
// server gives them. The stub answers as the server's commit check does (IndexWriter.CheckCommit,
// 24.10): a soft-deleted stream keeps its last event number, takes no_stream, any and its exact last
// revision, and numbers new events after it; a tombstoned one refuses every read and append.
import { randomUUID } from 'node:crypto';
import {
  NO_STREAM,
  StreamDeletedError as EsdbStreamDeletedError,
  StreamNotFoundError as EsdbStreamNotFoundError,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendResult as EsdbAppendResult,
} from '@eventstore/db-client';
import t from 'tap';
import { CLAIM_STREAM_PREFIX } from '../../src/eventstoredb/event-id-claims.js';
import { createEventStoreDbEventStoreFromClient } from '../../src/eventstoredb/index.js';
import { GENESIS_HASH, InvalidEventStoreInputError, StreamNotFoundError, WrongExpectedRevisionError, canonicalContent, chainHash } from '../../src/index.js';
import type { EventToAppend, ExpectedRevision } from '../../src/index.js';
import { collect, thrownBy } from '../contract/support.js';
import { Streams, chainedStream } from './fixture.js';
import { type AppendCall, echo, position, resolved, sliceOf, stubClient } from './stub-client.js';

const STREAM = 'workOrder-7';

/** One stream as the server holds it: the last event number it has given, and what a read can still see. */
class ServerStream {
  appends = 0;
  constructor(
    public last: bigint,
    public readable: AllStreamResolvedEvent[],
    public softDeleted: boolean,
    public tombstoned = false,
  ) {}

  read(options: Parameters<typeof sliceOf>[1]) {
    if (this.tombstoned) return { events: [], error: new EsdbStreamDeletedError(undefined, STREAM) };
    if (this.readable.length === 0) return { events: [], error: new EsdbStreamNotFoundError(undefined, STREAM) };
    return { events: sliceOf(this.readable, options) };
  }

  append(call: AppendCall): EsdbAppendResult {
    this.appends += 1;
    if (this.appends > 10) throw new Error('the adapter keeps appending: an endless loop');
    if (this.tombstoned) throw new EsdbStreamDeletedError(undefined, STREAM);
    const expected = call.options.expectedRevision;
    const takes = expected === this.last || (expected === NO_STREAM && (this.last === -1n || this.softDeleted));
    if (!takes) throw new WrongExpectedVersionError(undefined, { streamName: STREAM, expected: expected ?? 'any', current: this.last === -1n ? NO_STREAM : this.last });
    if (this.softDeleted) this.readable = [];
    this.softDeleted = false;
    for (const sent of call.events) {
      this.last += 1n;
      this.readable.push(resolved(echo(sent, STREAM, this.last, position(Number(200n + this.last)))));
    }
    return { success: true, nextExpectedRevision: this.last, position: position(1_000_000) };
  }
}

function setup(server: ServerStream) {
  const claims = new Streams();
  const { client, calls } = stubClient({
    readStream: (name, options) => (name === STREAM ? server.read(options) : claims.read(name, options)),
    appendToStream: async (call) => (call.streamName === STREAM ? server.append(call) : claims.accept(call)),
  });
  const store = createEventStoreDbEventStoreFromClient(client, { retry: { pause: async () => undefined } });
  const mainAppends = () => calls.append.filter((c) => c.streamName === STREAM && c.events.length > 0 && !c.events[0]?.type.startsWith('$'));
  const claimed = () => calls.append.filter((c) => c.streamName.startsWith(CLAIM_STREAM_PREFIX));
  return { store, calls, mainAppends, claimed };
}

const newEvent = (data: EventToAppend['data'] = {}): EventToAppend & { id: string } => ({ id: randomUUID(), type: 'Noted', data, metadata: {} });

/** The hashes of `events` chained from `previous`, the first at revision `first`. */
function hashesFrom(previous: string, first: bigint, events: readonly (EventToAppend & { id: string })[]): string[] {
  let prev = previous;
  return events.map((e, i) => {
    prev = chainHash(prev, canonicalContent({ streamName: STREAM, revision: first + BigInt(i), id: e.id, type: e.type, data: e.data, metadata: {} }));
    return prev;
  });
}

const linkOf = (m: unknown) => (m as { $chain?: { hash?: string } } | undefined)?.$chain?.hash;

t.test('a soft-deleted stream: reads as missing, is recreated with no_stream, its new events hashed at the revisions the server gives them', async (t) => {
  // given a stream of five events (revisions 0-4), soft-deleted
  const server = new ServerStream(4n, [], true);
  const { store, mainAppends } = setup(server);
  await t.rejects(collect(store.readStream(STREAM)), StreamNotFoundError, 'it reads as missing');

  // when it is created again
  const batch = [newEvent({ n: 0 }), newEvent({ n: 1 })];
  const result = await store.appendToStream(STREAM, batch, { expectedRevision: 'no_stream' });

  // then the events sit at 5 and 6, hashed there (from the genesis hash: nothing before them can be read)
  t.same(server.readable.map((e) => e.event?.revision), [5n, 6n], 'numbered after the old ones');
  const expected = hashesFrom(GENESIS_HASH, 5n, batch);
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), expected, 'hashed at revisions 5 and 6');
  t.equal(mainAppends().at(-1)?.options.expectedRevision, 4n, "guarded by the server's own last revision");
  t.same([result.nextExpectedRevision, result.written], [6n, true], 'the result names revision 6');
  const stored = await collect(store.readStream(STREAM));
  t.same(stored.map((e) => e.hash), expected, 'read back with those hashes');

  // and the next append continues the chain from revision 6
  const next = newEvent({ n: 2 });
  await store.appendToStream(STREAM, [next], { expectedRevision: 6n });
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), hashesFrom(expected[1] ?? '', 7n, [next]), 'chained on revision 6');
});

t.test('a soft-deleted stream is guarded as missing: stream_exists and exact revisions are refused with actual -1, nothing written', async (t) => {
  for (const expected of ['stream_exists', 4n, 0n] as ExpectedRevision[]) {
    const server = new ServerStream(4n, [], true);
    const { store, mainAppends, claimed } = setup(server);
    const error = await thrownBy(store.appendToStream(STREAM, [newEvent()], { expectedRevision: expected }));
    t.ok(error instanceof WrongExpectedRevisionError, `${String(expected)}: WrongExpectedRevisionError`);
    t.equal(error instanceof WrongExpectedRevisionError ? error.actualRevision : undefined, -1n, `${String(expected)}: actual -1, as reads say`);
    t.same([mainAppends().length, claimed().length], [0, 0], `${String(expected)}: nothing appended or claimed`);
  }
});

t.test('a truncated stream ($tb / $maxCount): the chain continues from the last readable event, at its revision', async (t) => {
  // given a stream of five events of which only revisions 3 and 4 can still be read
  const all = chainedStream(STREAM, range(5).map(() => ({ id: randomUUID() })), 201);
  const server = new ServerStream(4n, all.slice(3), false);
  const { store, mainAppends } = setup(server);

  // when one more is appended (any)
  const next = newEvent();
  const result = await store.appendToStream(STREAM, [next]);

  // then it is guarded by revision 4 and chained on event 4's hash, at revision 5
  const head = all[4]?.event;
  t.equal(mainAppends().at(-1)?.options.expectedRevision, 4n, 'guarded by the last readable revision');
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), hashesFrom(linkOf(head?.metadata) ?? '', 5n, [next]), 'chained on event 4, at revision 5');
  t.same([result.nextExpectedRevision, result.written], [5n, true]);
  t.equal(server.appends, 1, 'one append: no lost race to retry');
});

t.test('a stream whose every event expired ($maxAge) or was truncated: numbered after its last revision', async (t) => {
  const server = new ServerStream(9n, [], false);
  const { store, mainAppends } = setup(server);
  const batch = [newEvent()];
  const result = await store.appendToStream(STREAM, batch);
  t.equal(mainAppends().at(-1)?.options.expectedRevision, 9n, "guarded by the server's last revision");
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), hashesFrom(GENESIS_HASH, 10n, batch), 'hashed at revision 10');
  t.equal(result.nextExpectedRevision, 10n);
});

t.test('a stream truncated behind a cached tip: the cache starts again from what can be read', async (t) => {
  const server = new ServerStream(-1n, [], false);
  const { store, mainAppends } = setup(server);
  await store.appendToStream(STREAM, [newEvent(), newEvent()]); // revisions 0, 1: cached
  // another process appends three more, then $tb = 4 hides 0-3
  const before = server.readable.map((e) => e.event);
  const more = chainedStream(STREAM, [...before.map((e) => ({ id: e?.id ?? '', data: e?.data as EventToAppend['data'] })), { id: randomUUID() }, { id: randomUUID() }, { id: randomUUID() }], 201);
  server.readable = more.slice(4);
  server.last = 4n;
  const next = newEvent();
  const result = await store.appendToStream(STREAM, [next]);
  t.equal(mainAppends().at(-1)?.options.expectedRevision, 4n, 'guarded by revision 4');
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), hashesFrom(linkOf(more[4]?.event?.metadata) ?? '', 5n, [next]), 'chained on event 4');
  t.equal(result.nextExpectedRevision, 5n);
});

t.test('soft-deleted behind a cached tip: the cache starts again, the server is asked where it numbers from (an empty append it refuses)', async (t) => {
  const server = new ServerStream(-1n, [], false);
  const { store, calls, mainAppends } = setup(server);
  await store.appendToStream(STREAM, [newEvent(), newEvent()]); // revisions 0, 1: cached
  // soft-deleted by someone else
  server.readable = [];
  server.softDeleted = true;
  const before = calls.append.length;
  const next = newEvent();
  const result = await store.appendToStream(STREAM, [next]);
  const probes = calls.append.slice(before).filter((c) => c.streamName === STREAM && c.events.length === 0);
  t.same(probes.map((c) => c.options.expectedRevision), [2n ** 62n], 'one probe: no events, guarded by a revision no stream reaches');
  t.equal(mainAppends().at(-1)?.options.expectedRevision, 1n, "guarded by the server's last revision");
  t.same(mainAppends().at(-1)?.events.map((e) => linkOf(e.metadata)), hashesFrom(GENESIS_HASH, 2n, [next]), 'hashed at revision 2, from the genesis hash');
  t.same([result.nextExpectedRevision, result.written], [2n, true]);
});

t.test("a tombstoned stream: reads as missing; appends refused as invalid input (the name can never be written again), not the client's raw error", async (t) => {
  const server = new ServerStream(4n, [], false, true);
  const { store, mainAppends, claimed } = setup(server);
  await t.rejects(collect(store.readStream(STREAM)), StreamNotFoundError, 'read: StreamNotFoundError');
  for (const expected of ['any', 'no_stream', 'stream_exists', 4n] as ExpectedRevision[]) {
    const error = await thrownBy(store.appendToStream(STREAM, [newEvent()], { expectedRevision: expected }));
    t.ok(error instanceof InvalidEventStoreInputError, `${String(expected)}: InvalidEventStoreInputError`);
    t.match(error, { field: 'streamName', rule: /tombstoned/ }, `${String(expected)}: on streamName, saying why`);
  }
  t.same([mainAppends().length, claimed().length], [0, 0], 'nothing appended or claimed');

  // tombstoned between the adapter's read and its append
  const late = new ServerStream(-1n, [], false);
  const second = setup(late);
  const original = late.append.bind(late);
  late.append = (call) => {
    late.tombstoned = true;
    return original(call);
  };
  const error = await thrownBy(second.store.appendToStream(STREAM, [newEvent()]));
  t.ok(error instanceof InvalidEventStoreInputError, 'refused as invalid input too');
});

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

