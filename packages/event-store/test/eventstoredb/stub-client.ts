// A hand-written stub of the few EventStoreDB client calls the adapter makes (EsdbClientPort).
// Each test scripts what the calls answer and then inspects what the adapter asked for. It is no
// server: it answers only what a test tells it to (at most slicing a fixed list of events the way
// a read asks), and any unscripted call fails the test. These tests prove the adapter's mapping,
// not that EventStoreDB behaves; the contract run against a real server (contract.test.ts) does.
import { PassThrough } from 'node:stream';
import { BACKWARDS } from '@eventstore/db-client';
import type {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AppendResult as EsdbAppendResult,
  AppendToStreamOptions,
  EventData,
  JSONRecordedEvent,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  SubscribeToAllOptions,
} from '@eventstore/db-client';
import type { EsdbCatchUpSubscription, EsdbClientPort, EsdbRead } from '../../src/eventstoredb/client-port.js';
import type { GlobalPosition } from '../../src/index.js';

export interface AppendCall {
  readonly streamName: string;
  readonly events: EventData[];
  readonly options: AppendToStreamOptions;
}

export interface ScriptedRead<E> {
  /** What the read yields, then (optionally) throws. */
  readonly events: readonly E[];
  readonly error?: Error;
}

export interface Script {
  appendToStream?(call: AppendCall): Promise<EsdbAppendResult>;
  readStream?(streamName: string, options: ReadStreamOptions): ScriptedRead<ResolvedEvent>;
  readAll?(options: ReadAllOptions): ScriptedRead<AllStreamResolvedEvent>;
  subscribeToAll?(options: SubscribeToAllOptions): EsdbCatchUpSubscription;
}

export interface Calls {
  readonly append: AppendCall[];
  readonly readStream: Array<{ readonly streamName: string; readonly options: ReadStreamOptions }>;
  readonly readAll: ReadAllOptions[];
  readonly subscribeToAll: SubscribeToAllOptions[];
  /** Reads the adapter cancelled (stopped before their end). */
  cancelled: number;
  disposed: number;
  /** Every call, in order, by method name. */
  readonly log: string[];
}

function unscripted(method: string): never {
  throw new Error(`unexpected client call: ${method}`);
}

function scriptedRead<E>(script: ScriptedRead<E>, calls: Calls): EsdbRead<E> {
  return {
    async *[Symbol.asyncIterator]() {
      for (const e of script.events) yield e;
      if (script.error) throw script.error;
    },
    async cancel() {
      calls.cancelled += 1;
    },
  };
}

export function stubClient(script: Script): { client: EsdbClientPort; calls: Calls } {
  const calls: Calls = { append: [], readStream: [], readAll: [], subscribeToAll: [], cancelled: 0, disposed: 0, log: [] };
  const client: EsdbClientPort = {
    async appendToStream(streamName, events, options) {
      const call = { streamName, events, options };
      calls.append.push(call);
      calls.log.push(`append ${streamName}`);
      return script.appendToStream ? script.appendToStream(call) : unscripted('appendToStream');
    },
    readStream(streamName, options) {
      calls.readStream.push({ streamName, options });
      calls.log.push(`readStream ${streamName}`);
      return scriptedRead(script.readStream ? script.readStream(streamName, options) : unscripted('readStream'), calls);
    },
    readAll(options) {
      calls.readAll.push(options);
      calls.log.push('readAll');
      return scriptedRead(script.readAll ? script.readAll(options) : unscripted('readAll'), calls);
    },
    subscribeToAll(options) {
      calls.subscribeToAll.push(options);
      calls.log.push('subscribeToAll');
      return script.subscribeToAll ? script.subscribeToAll(options) : unscripted('subscribeToAll');
    },
    async dispose() {
      calls.disposed += 1;
    },
  };
  return { client, calls };
}

export interface ClientEventFields {
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: unknown;
  readonly position: GlobalPosition;
  readonly created?: Date;
}

/** Sends a value through JSON as the client does (stringify on the way in, parse on the way out). */
function wire<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** An event as the client returns it from a $all read or subscription. */
export function clientEvent(f: ClientEventFields): AllStreamRecordedEvent {
  const event: JSONRecordedEvent & { position: GlobalPosition } = {
    streamId: f.streamId,
    id: f.id,
    isJson: true,
    revision: f.revision,
    type: f.type,
    created: f.created ?? new Date('2025-11-29T08:00:00.000Z'),
    data: wire(f.data) as JSONRecordedEvent['data'],
    metadata: wire(f.metadata) as JSONRecordedEvent['metadata'],
    position: f.position,
  };
  return event;
}

/** What the client returns for an event the adapter sent: the same id, type, data and metadata. */
export function echo(sent: EventData, streamId: string, revision: bigint, position: GlobalPosition): AllStreamRecordedEvent {
  return clientEvent({ streamId, revision, id: sent.id, type: sent.type, data: sent.data, metadata: sent.metadata, position });
}

export const resolved = (event: AllStreamRecordedEvent): AllStreamResolvedEvent => ({ event });

/** A catch-up subscription stand-in: a readable the test writes events into and can signal on. */
export class StubCatchUp extends PassThrough implements EsdbCatchUpSubscription {
  unsubscribed = 0;

  constructor() {
    super({ objectMode: true });
  }

  async unsubscribe(): Promise<void> {
    this.unsubscribed += 1;
  }

  deliver(event: AllStreamRecordedEvent): void {
    this.write(resolved(event));
  }

  caughtUp(): void {
    this.emit('caughtUp');
  }

  fellBehind(): void {
    this.emit('fellBehind');
  }
}

/** The part of a stream's events a read asks for (direction, from revision, max count). */
export function sliceOf<E extends { readonly event?: { readonly revision: bigint } }>(events: readonly E[], options: ReadStreamOptions): E[] {
  const backwards = options.direction === BACKWARDS;
  const from = options.fromRevision;
  const ordered = backwards ? [...events].reverse() : [...events];
  const started = ordered.filter((e) => {
    const revision = e.event?.revision ?? -1n;
    if (typeof from !== 'bigint') return true;
    return backwards ? revision <= from : revision >= from;
  });
  return started.slice(0, options.maxCount === undefined ? undefined : Number(options.maxCount));
}

export const position = (n: number): GlobalPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
