// The submissions the read model has not caught up with: every application is numbered before it is
// recorded, and each allocation carries the whole receipt, so the allocations after the files
// projection's checkpoint are exactly the applications the read model may not show yet. The duplicate
// check reads them beside the read model (the checkpoint first, so nothing falls between the two reads;
// what both hold is the same application, counted once).
//
// They are read from the numbering streams themselves (every area's, this year's and last year's),
// backwards, not from $all: a read of $all on PostgreSQL shows only events older than every transaction
// still running anywhere in the cluster, so one long transaction elsewhere would hide a submission made a
// moment ago. Appends to one stream can commit out of position order only among rivals running at the
// same time, so the read goes on past the checkpoint by a margin wider than the counters that contend.
import { comparePositions, StreamNotFoundError, type EventStore, type GlobalPosition } from '@bureau/event-store';
import { loadGenerations } from '@bureau/projections';
import type { Kysely } from 'kysely';
import { FILES_PROJECTION } from '../read-models/files-projection.js';
import { numberingEvents, numberingStreamName, type ApplicationNumberAllocated } from './numbering-events.js';

type Allocation = ApplicationNumberAllocated['data'];

/** Events at or before the checkpoint read past it, per stream (more than the counters that contend at once). */
const MARGIN = 32;

/** Where the files projection stands: its active generation's checkpoint (undefined: nothing applied yet). */
export async function filesCheckpoint(db: Kysely<any>): Promise<GlobalPosition | undefined> {
  const generations = await loadGenerations(db, FILES_PROJECTION).catch((error: unknown) => {
    // The engine's tables not created yet (a new deployment): nothing is projected, read from the start.
    if (error instanceof Error && 'code' in error && error.code === '42P01') return [];
    throw error;
  });
  return generations.find((g) => g.state === 'active')?.checkpoint;
}

/** The allocations after `after` in the numbering streams of `areaIds` for `years`. */
export async function allocationsAfter(store: EventStore, after: GlobalPosition | undefined, areaIds: readonly string[], years: readonly number[]): Promise<Allocation[]> {
  const streams = areaIds.flatMap((area) => years.map((year) => numberingStreamName(area, year)));
  const found = await Promise.all(streams.map(async (stream) => {
    const newer: Allocation[] = [];
    let older = 0;
    try {
      for await (const recorded of store.readStream(stream, { direction: 'backwards' })) {
        if (after !== undefined && comparePositions(recorded.position, after) <= 0) {
          older += 1;
          if (older >= MARGIN) break;
          continue;
        }
        newer.push(numberingEvents.fromRecorded(recorded).data);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return newer;
  }));
  return found.flat();
}
