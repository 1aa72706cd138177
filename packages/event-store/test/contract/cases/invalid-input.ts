import { InvalidEventStoreInputError } from '../../../src/index.js';
import type { EventToAppend, Json, JsonObject } from '../../../src/index.js';
import type { MakeSubject } from '../subject.js';
import { newEvent, streamExists, thrownBy, uniqueCategory, type TapTest } from '../support.js';

/** Smuggles a value the types forbid past the compiler, as untyped callers (JSON bodies, JS) can. */
const untyped = <T>(value: unknown): T => value as T;

function cyclic(): Json {
  const node: Record<string, unknown> = { name: 'loop' };
  node.self = node;
  return untyped<Json>(node);
}

class Money {
  constructor(readonly amount: number) {}
}

interface BadInput {
  readonly name: string;
  readonly streamName?: string;
  readonly events: () => EventToAppend[];
  readonly field: string;
}

const longName = (n: number): string => `${uniqueCategory()}-${'x'.repeat(n)}`.slice(0, n);
const badData = (data: unknown): (() => EventToAppend[]) => () => [newEvent('Fine'), { type: 'Bad', data: untyped<Json>(data) }];
const badMetadata = (metadata: unknown): (() => EventToAppend[]) => () => [newEvent('Fine'), { type: 'Bad', data: {}, metadata: untyped<JsonObject>(metadata) }];

const BAD_INPUTS: BadInput[] = [
  { name: 'empty event list', events: () => [], field: 'events' },
  { name: 'empty stream name', streamName: '', events: () => [newEvent('Fine')], field: 'streamName' },
  { name: 'stream name over 200 characters', streamName: longName(201), events: () => [newEvent('Fine')], field: 'streamName' },
  { name: 'data undefined', events: badData(undefined), field: 'events[1].data' },
  { name: 'a function in data', events: badData({ f: () => 1 }), field: 'events[1].data' },
  { name: 'a bigint in data', events: badData({ amount: 10n }), field: 'events[1].data' },
  { name: 'NaN in data', events: badData({ n: Number.NaN }), field: 'events[1].data' },
  { name: 'Infinity in data', events: badData([Number.POSITIVE_INFINITY]), field: 'events[1].data' },
  { name: 'a cycle in data', events: badData(cyclic()), field: 'events[1].data' },
  { name: 'a \\u0000 in a data string', events: badData({ s: 'a\u0000b' }), field: 'events[1].data' },
  { name: 'a \\u0000 in a data key', events: badData({ 'a\u0000': 1 }), field: 'events[1].data' },
  { name: 'an unpaired surrogate in data', events: badData({ s: '\ud800x' }), field: 'events[1].data' },
  { name: 'a Date in data', events: badData({ at: new Date(0) }), field: 'events[1].data' },
  { name: 'a Map in data', events: badData(new Map([['a', 1]])), field: 'events[1].data' },
  { name: 'a class instance in data', events: badData({ price: new Money(3) }), field: 'events[1].data' },
  { name: 'a hole in an array', events: badData([1, , 3]), field: 'events[1].data' },
  { name: 'metadata an array', events: badMetadata([1]), field: 'events[1].metadata' },
  { name: 'a \\u0000 in metadata', events: badMetadata({ note: '\u0000' }), field: 'events[1].metadata' },
  { name: 'a bigint in metadata', events: badMetadata({ n: 1n }), field: 'events[1].metadata' },
  { name: 'empty event type', events: () => [newEvent('Fine'), { type: '', data: {} }], field: 'events[1].type' },
  { name: 'id not a uuid', events: () => [newEvent('Fine'), { id: 'order-42', type: 'Bad', data: {} }], field: 'events[1].id' },
  {
    name: 'duplicate ids inside one batch',
    events: () => {
      const e = newEvent('Twice');
      return [e, { ...e }];
    },
    field: 'events[1].id',
  },
];

export function invalidInputCases(t: TapTest, makeSubject: MakeSubject): void {
  t.test('invalid input: a typed error naming the field, and nothing written', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    for (const input of BAD_INPUTS) {
      const streamName = input.streamName ?? `${uniqueCategory()}-1`;
      const error = await thrownBy(store.appendToStream(streamName, input.events()));
      t.ok(error instanceof InvalidEventStoreInputError, `${input.name}: InvalidEventStoreInputError`);
      t.equal(error instanceof InvalidEventStoreInputError ? error.field : undefined, input.field, `${input.name}: names ${input.field}`);
      t.ok(error instanceof InvalidEventStoreInputError && error.rule.length > 0, `${input.name}: states the rule`);
      if (streamName !== '') t.notOk(await streamExists(store, streamName), `${input.name}: stream not created`);
    }
    // the same bad event appended to an existing stream leaves it as it was
    const existing = `${uniqueCategory()}-1`;
    await store.appendToStream(existing, [newEvent('Opened')]);
    const error = await thrownBy(store.appendToStream(existing, badData({ n: Number.NaN })(), { expectedRevision: 0n }));
    t.ok(error instanceof InvalidEventStoreInputError, 'refused on an existing stream too');
    const again = await store.appendToStream(existing, [newEvent('Next')], { expectedRevision: 0n });
    t.equal(again.nextExpectedRevision, 1n, 'the stream was left at revision 0');
  });

  t.test('invalid input leaves $all unchanged', async (t) => {
    const { store, close } = await makeSubject();
    t.teardown(close);
    const category = uniqueCategory('quiet');
    const start = await store.headPosition();
    for (const input of BAD_INPUTS) {
      await thrownBy(store.appendToStream(input.streamName ?? `${category}-1`, input.events()));
    }
    const events: string[] = [];
    for await (const e of store.readAll({ after: start, filter: { streamCategories: [category] } })) events.push(e.id);
    t.same(events, [], 'no event of the refused appends reached $all');
  });
}
