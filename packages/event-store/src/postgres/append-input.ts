// Turns an append, validated by the rules both adapters share (../validate.ts), into the arrays the
// append function takes: canonical JSON texts, so the database hashes exactly what it stores.
import { canonicalJson } from '../canonical.js';
import type { EventToAppend, ExpectedRevision } from '../types.js';
import { validateAppend } from '../validate.js';

export interface AppendArrays {
  /** The expected revision as the append function's number: -2 any, -1 no_stream, -4 stream_exists, else exact. */
  readonly expectedCode: string;
  readonly ids: string[];
  readonly types: string[];
  readonly data: string[];
  readonly metadata: string[];
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
  const valid = validateAppend(streamName, events, expectedRevision);
  return {
    expectedCode: expectedRevisionCode(valid.expectedRevision),
    ids: valid.events.map((e) => e.id),
    types: valid.events.map((e) => e.type),
    data: valid.events.map((e) => canonicalJson(e.data)),
    metadata: valid.events.map((e) => canonicalJson(e.metadata)),
    idsGiven: valid.events.some((e) => e.idGiven),
  };
}
