// Reading $all: global order, system events left out, the store's exclusive `after` and filters.
import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import { comparePositions } from '../position.js';
import type { GlobalPosition, ReadAllOptions, RecordedEvent } from '../types.js';
import type { EsdbClientPort } from './client-port.js';
import { planFilter } from './filter.js';
import { toRecordedEvent } from './recorded-event.js';
import { validateMaxCount, validatePosition } from '../validate.js';

export async function* readAllEvents(client: EsdbClientPort, options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
  const after = validatePosition(options.after, 'after');
  const maxCount = validateMaxCount(options.maxCount);
  const plan = planFilter(options.filter);
  if (maxCount === 0) return;
  // EventStoreDB reads $all from a position inclusively; the store's `after` is exclusive, so the
  // event at `after` itself is skipped below. Client 6.x sends no filter on $all reads (only on
  // subscriptions), so filtering and counting both happen here.
  const read = client.readAll({ direction: FORWARDS, fromPosition: after ?? START });
  let delivered = 0;
  let exhausted = false;
  try {
    for await (const resolved of read) {
      const e = resolved.event;
      if (!e || !plan.accepts(e.streamId, e.type)) continue;
      if (after && comparePositions(e.position, after) <= 0) continue;
      yield toRecordedEvent(e);
      delivered += 1;
      if (delivered === maxCount) return;
    }
    exhausted = true;
  } finally {
    // Stopped before the end (count reached, caller broke off, error): stop the server sending.
    if (!exhausted) await read.cancel();
  }
}

/** The position of the last non-system event in $all, or undefined when there is none. */
export async function headPosition(client: EsdbClientPort): Promise<GlobalPosition | undefined> {
  const plan = planFilter(undefined);
  const read = client.readAll({ direction: BACKWARDS, fromPosition: END });
  let exhausted = false;
  try {
    for await (const resolved of read) {
      const e = resolved.event;
      if (e && plan.accepts(e.streamId, e.type)) return { commit: e.position.commit, prepare: e.position.prepare };
    }
    exhausted = true;
    return undefined;
  } finally {
    if (!exhausted) await read.cancel();
  }
}

/**
 * Whether nothing the subscription would deliver lies beyond `last` in $all now: reads $all backwards
 * from its end until an event at or before `last` (reached) or one the subscription accepts (not
 * reached). So the read covers only what was appended after `last`, which is nothing when caught up.
 */
export async function reachedHead(client: EsdbClientPort, accepts: (streamName: string, type: string) => boolean, last: GlobalPosition | undefined): Promise<boolean> {
  const read = client.readAll({ direction: BACKWARDS, fromPosition: END });
  let exhausted = false;
  try {
    for await (const resolved of read) {
      const e = resolved.event;
      if (!e) continue;
      if (last && comparePositions(e.position, last) <= 0) return true;
      if (accepts(e.streamId, e.type)) return false;
    }
    exhausted = true;
    return true;
  } finally {
    if (!exhausted) await read.cancel();
  }
}
