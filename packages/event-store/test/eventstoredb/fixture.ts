// Scripts for the stub client shared by the unit tests: streams holding given events, and an
// append that the client reports as written (its events then readable at the next positions).
import { NO_STREAM, StreamNotFoundError as EsdbStreamNotFoundError, WrongExpectedVersionError, type AllStreamResolvedEvent, type ReadStreamOptions } from '@eventstore/db-client';
import { GENESIS_HASH, canonicalContent, chainHash } from '../../src/index.js';
import type { JsonObject, Json } from '../../src/index.js';
import { sealMetadata } from '../../src/eventstoredb/chain-metadata.js';
import { type AppendCall, type ScriptedRead, clientEvent, echo, position, resolved, sliceOf } from './stub-client.js';

export interface StoredFields {
  readonly id: string;
  readonly type?: string;
  readonly data?: Json;
  readonly metadata?: JsonObject;
}

/**
 * Events of one stream as the adapter would have written them: chained from the genesis hash, from
 * revision 0 (or, as the adapter numbers a stream recreated after a delete, from `firstRevision`).
 */
export function chainedStream(streamName: string, events: readonly StoredFields[], firstPosition = 1, firstRevision = 0n): AllStreamResolvedEvent[] {
  let previous = GENESIS_HASH;
  return events.map((e, i) => {
    const revision = firstRevision + BigInt(i);
    const type = e.type ?? 'Noted';
    const data = e.data ?? { i };
    const metadata = e.metadata ?? {};
    const hash = chainHash(previous, canonicalContent({ streamName, revision, id: e.id, type, data, metadata }));
    previous = hash;
    return resolved(clientEvent({ streamId: streamName, revision, id: e.id, type, data, metadata: sealMetadata(metadata, hash), position: position(firstPosition + i) }));
  });
}

/** The streams a test's stub client holds, by name. */
export class Streams {
  readonly byName = new Map<string, AllStreamResolvedEvent[]>();
  nextPosition = 100;

  constructor(initial: Record<string, AllStreamResolvedEvent[]> = {}) {
    for (const [name, events] of Object.entries(initial)) this.byName.set(name, [...events]);
  }

  /** Answers a stream read: the slice asked for, or the client's StreamNotFoundError. */
  read(streamName: string, options: ReadStreamOptions): ScriptedRead<AllStreamResolvedEvent> {
    const events = this.byName.get(streamName);
    if (!events || events.length === 0) return { events: [], error: new EsdbStreamNotFoundError(undefined, streamName) };
    return { events: sliceOf(events, options) };
  }

  lastRevision(streamName: string): bigint {
    return BigInt((this.byName.get(streamName)?.length ?? 0) - 1);
  }

  /**
   * The client reports the append written: its events become readable at the next positions. An exact
   * or no_stream guard the stream does not meet is refused as the client does (the adapter's probe of a
   * stream with nothing to read, guarded by a revision no stream reaches, learns the last revision so).
   */
  accept(call: AppendCall): { success: true; nextExpectedRevision: bigint; position: { commit: bigint; prepare: bigint } } {
    const last = this.lastRevision(call.streamName);
    const expected = call.options.expectedRevision;
    if ((typeof expected === 'bigint' && expected !== last) || (expected === NO_STREAM && last !== -1n)) {
      throw new WrongExpectedVersionError(undefined, { streamName: call.streamName, expected, current: last === -1n ? NO_STREAM : last });
    }
    const events = this.byName.get(call.streamName) ?? [];
    this.byName.set(call.streamName, events);
    for (const sent of call.events) {
      events.push(resolved(echo(sent, call.streamName, BigInt(events.length), position(this.nextPosition))));
      this.nextPosition += 1;
    }
    // The append reply's own position deliberately differs from the read-back one.
    return { success: true, nextExpectedRevision: BigInt(events.length - 1), position: position(1_000_000) };
  }
}

export const isNoStream = (options: { expectedRevision?: unknown }): boolean => options.expectedRevision === NO_STREAM;
