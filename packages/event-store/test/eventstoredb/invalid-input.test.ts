// Bad input is refused with InvalidEventStoreInputError naming the field, before the client is
// called at all (the stub fails any call it was not scripted for, and records every call).
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { createEventStoreDbEventStoreFromClient } from '../../src/eventstoredb/index.js';
import { InvalidEventStoreInputError } from '../../src/index.js';
import type { EventToAppend, Json, JsonObject } from '../../src/index.js';
import { stubClient } from './stub-client.js';

/** Passes a value the types forbid, as untyped callers (JSON bodies, plain JS) can. */
const untyped = <T>(value: unknown): T => value as T;

const fine = (): EventToAppend => ({ id: randomUUID(), type: 'Fine', data: {} });
const withData = (data: unknown) => () => [fine(), { type: 'Bad', data: untyped<Json>(data) }];
const withMetadata = (metadata: unknown) => () => [fine(), { type: 'Bad', data: {}, metadata: untyped<JsonObject>(metadata) }];

function cyclic(): unknown {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  return node;
}

class Money {
  constructor(readonly amount: number) {}
}

const CASES: Array<{ name: string; stream?: string; events: () => EventToAppend[]; expected?: unknown; field: string }> = [
  { name: 'empty event list', events: () => [], field: 'events' },
  { name: 'empty stream name', stream: '', events: () => [fine()], field: 'streamName' },
  { name: 'stream name over 200 characters', stream: `workOrder-${'x'.repeat(191)}`, events: () => [fine()], field: 'streamName' },
  { name: 'a $ stream name (EventStoreDB system stream)', stream: '$settings', events: () => [fine()], field: 'streamName' },
  { name: 'a NUL in the stream name', stream: 'workOrder-\u0000', events: () => [fine()], field: 'streamName' },
  { name: 'expected revision negative', events: () => [fine()], expected: -1n, field: 'expectedRevision' },
  { name: 'expected revision a number', events: () => [fine()], expected: 3, field: 'expectedRevision' },
  { name: 'data undefined', events: withData(undefined), field: 'events[1].data' },
  { name: 'a function in data', events: withData({ f: () => 1 }), field: 'events[1].data' },
  { name: 'a bigint in data', events: withData({ amount: 10n }), field: 'events[1].data' },
  { name: 'NaN in data', events: withData({ n: Number.NaN }), field: 'events[1].data' },
  { name: 'Infinity in data', events: withData([Number.POSITIVE_INFINITY]), field: 'events[1].data' },
  { name: 'a cycle in data', events: withData(cyclic()), field: 'events[1].data' },
  { name: 'a NUL in a data string', events: withData({ s: 'a\u0000b' }), field: 'events[1].data' },
  { name: 'a NUL in a data key', events: withData({ 'a\u0000': 1 }), field: 'events[1].data' },
  { name: 'an unpaired surrogate in data', events: withData({ s: '\ud800x' }), field: 'events[1].data' },
  { name: 'a Date in data', events: withData({ at: new Date(0) }), field: 'events[1].data' },
  { name: 'a Map in data', events: withData(new Map([['a', 1]])), field: 'events[1].data' },
  { name: 'a class instance in data', events: withData({ price: new Money(3) }), field: 'events[1].data' },
  { name: 'a hole in an array', events: withData([1, , 3]), field: 'events[1].data' },
  { name: 'metadata an array', events: withMetadata([1]), field: 'events[1].metadata' },
  { name: 'a NUL in metadata', events: withMetadata({ note: '\u0000' }), field: 'events[1].metadata' },
  { name: 'a bigint in metadata', events: withMetadata({ n: 1n }), field: 'events[1].metadata' },
  { name: 'the reserved $chain key in metadata', events: withMetadata({ $chain: { v: 1, hash: 'forged' } }), field: 'events[1].metadata' },
  { name: 'empty event type', events: () => [fine(), { type: '', data: {} }], field: 'events[1].type' },
  { name: 'a $ event type (EventStoreDB system event)', events: () => [fine(), { type: '$metadata', data: {} }], field: 'events[1].type' },
  { name: 'id not a uuid', events: () => [fine(), { id: 'order-42', type: 'Bad', data: {} }], field: 'events[1].id' },
  {
    name: 'duplicate ids in one batch, whatever their case',
    events: () => {
      const e = fine();
      return [e, { ...e, id: e.id?.toUpperCase() }];
    },
    field: 'events[1].id',
  },
];

t.test('invalid input: InvalidEventStoreInputError naming the field, and the client never called', async (t) => {
  for (const input of CASES) {
    const { client, calls } = stubClient({});
    const store = createEventStoreDbEventStoreFromClient(client);
    let error: unknown;
    try {
      await store.appendToStream(input.stream ?? 'workOrder-1', input.events(), { expectedRevision: untyped<'any'>(input.expected ?? 'any') });
    } catch (caught) {
      error = caught;
    }
    t.ok(error instanceof InvalidEventStoreInputError, `${input.name}: InvalidEventStoreInputError`);
    if (error instanceof InvalidEventStoreInputError) {
      t.equal(error.field, input.field, `${input.name}: names ${input.field}`);
      t.ok(error.rule.length > 0, `${input.name}: states the rule`);
      t.notMatch(error.message, /loop|forged|order-42/, `${input.name}: the message does not quote the value`);
    }
    t.same(calls.log, [], `${input.name}: no client call`);
  }
});

t.test('bad read options: InvalidEventStoreInputError, no client call', async (t) => {
  const { client, calls } = stubClient({});
  const store = createEventStoreDbEventStoreFromClient(client);
  const refused = async (name: string, field: string, run: () => AsyncIterable<unknown> | Promise<unknown>) => {
    let error: unknown;
    try {
      const result = run();
      if (Symbol.asyncIterator in result) for await (const _ of result) break;
      else await result;
    } catch (caught) {
      error = caught;
    }
    t.equal(error instanceof InvalidEventStoreInputError ? error.field : error, field, `${name}: names ${field}`);
  };
  await refused('negative maxCount', 'maxCount', () => store.readStream('workOrder-1', { maxCount: -1 }));
  await refused('fractional maxCount', 'maxCount', () => store.readAll({ maxCount: 1.5 }));
  await refused('negative fromRevision', 'fromRevision', () => store.readStream('workOrder-1', { fromRevision: -1n }));
  await refused('unknown direction', 'direction', () => store.readStream('workOrder-1', { direction: untyped<'forwards'>('sideways') }));
  await refused('a position of numbers', 'after', () => store.readAll({ after: untyped<{ commit: bigint; prepare: bigint }>({ commit: 1, prepare: 1 }) }));
  await refused('an empty category list', 'filter', () => store.readAll({ filter: { streamCategories: [] } }));
  await refused('an empty prefix list', 'filter', async () => store.subscribeToAll({ filter: { eventTypePrefixes: [] } }));
  t.same(calls.log, [], 'no client call');
});
