// The submissions the read model has not caught up with: every application is numbered before it is
// recorded, and each allocation carries the whole receipt, so the allocations committed after the files
// projection's checkpoint are exactly the applications the read model may not show yet. The duplicate
// check reads them beside the read model (the checkpoint first, so nothing falls between the two reads;
// what both hold is the same application, counted once).
import type { EventStore, GlobalPosition } from '@bureau/event-store';
import { loadGenerations } from '@bureau/projections';
import type { Kysely } from 'kysely';
import { FILES_PROJECTION } from '../read-models/files-projection.js';
import { numberingEvents, numberingStreamCategory, type ApplicationNumberAllocated } from './numbering-events.js';

type Allocation = ApplicationNumberAllocated['data'];

/** Where the files projection stands: its active generation's checkpoint (undefined: nothing applied yet). */
export async function filesCheckpoint(db: Kysely<any>): Promise<GlobalPosition | undefined> {
  const generations = await loadGenerations(db, FILES_PROJECTION).catch((error: unknown) => {
    // The engine's tables not created yet (a new deployment): nothing is projected, read from the start.
    if (error instanceof Error && 'code' in error && error.code === '42P01') return [];
    throw error;
  });
  return generations.find((g) => g.state === 'active')?.checkpoint;
}

/** The allocations after `after` (at most `maxCount`: a read model that far behind is a problem of its own). */
export async function allocationsAfter(store: EventStore, after: GlobalPosition | undefined, maxCount = 1000): Promise<Allocation[]> {
  const found: Allocation[] = [];
  for await (const recorded of store.readAll({ ...(after ? { after } : {}), filter: { streamCategories: [numberingStreamCategory] }, maxCount })) {
    found.push(numberingEvents.fromRecorded(recorded).data);
  }
  return found;
}
