// Turns an append, validated by the rules both adapters share (../validate.ts), into what the append
// function takes: canonical JSON texts, so the database hashes exactly what it stores. The events' data
// and metadata go as one JSON array each (migration 20261207T000000_append_json_arrays says why).
import type { EventToAppend, ExpectedRevision } from '../types.js';
import { validateAppendText } from '../validate.js';

export interface AppendArrays {
  /** The expected revision as the append function's number: -2 any, -1 no_stream, -4 stream_exists, else exact. */
  readonly expectedCode: string;
  readonly ids: string[];
  readonly types: string[];
  /** The events' canonical data texts joined by commas: a JSON array's elements, without its brackets. */
  readonly dataElements: string;
  /** The same for their metadata. */
  readonly metadataElements: string;
  /** Whether the caller supplied any id (only then can the append be a retry of an earlier one). */
  readonly idsGiven: boolean;
}

function expectedRevisionCode(expected: ExpectedRevision): string {
  if (expected === 'any') return '-2';
  if (expected === 'no_stream') return '-1';
  if (expected === 'stream_exists') return '-4';
  return expected.toString();
}

/** Throws InvalidEventStoreInputError (naming field and rule) before anything reaches the database. */
export function prepareAppend(
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: ExpectedRevision | undefined,
): AppendArrays {
  const valid = validateAppendText(streamName, events, expectedRevision);
  const count = valid.events.length;
  const ids = new Array<string>(count);
  const types = new Array<string>(count);
  const data = new Array<string>(count);
  const metadata = new Array<string>(count);
  let idsGiven = false;
  for (let i = 0; i < count; i += 1) {
    const e = valid.events[i]!;
    ids[i] = e.id;
    types[i] = e.type;
    data[i] = e.data;
    metadata[i] = e.metadata;
    idsGiven ||= e.idGiven;
  }
  return {
    expectedCode: expectedRevisionCode(valid.expectedRevision),
    ids,
    types,
    dataElements: data.join(','),
    metadataElements: metadata.join(','),
    idsGiven,
  };
}
