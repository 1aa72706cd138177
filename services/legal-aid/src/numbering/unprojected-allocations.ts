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
//
// Each process keeps what it read (UnprojectedAllocations): a stream's revisions become readable in order
// (its row lock is held to the commit), so the next look reads forward from the last revision it saw,
// usually nothing or a few events, instead of every allocation after the checkpoint again, which grew
// with the projection's lag and was parsed in full (whole receipts) on every submission.
//
// A year's streams stop growing once the year has ended (a receipt's number comes from its own year's
// stream) and the submissions begun before midnight have taken their numbers: after a grace period
// (CLOSED_YEAR_GRACE_MS) a stream of a closed year is read once more and then only kept, its allocations
// forgotten as the projection passes them. So last year's streams, asked of every look, cost no read.
import { comparePositions, StreamNotFoundError, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { loadGenerations } from '@bureau/projections';
import type { Kysely } from 'kysely';
import { FILES_PROJECTION } from '../read-models/files-projection.js';
import { numberingEvents, numberingStreamName, type ApplicationNumberAllocated } from './numbering-events.js';
import { numberingYearOf } from './submission.js';

type Allocation = ApplicationNumberAllocated['data'];

/** Events at or before the checkpoint read past it, per stream (more than the counters that contend at once). */
const MARGIN = 32;

/**
 * How long after midnight (Beijing time) last year's numbering streams may still take numbers: a
 * submission that read the clock before midnight allocates from last year's stream a moment later (its
 * request, the allocator's queue, its rounds of contention: seconds), and instances' clocks differ a little.
 */
export const CLOSED_YEAR_GRACE_MS = 10 * 60_000;

/** Whether no allocation can be appended any more to the numbering streams of `year` at `now`. */
export const numberingYearClosed = (now: Date) => {
  const openFrom = numberingYearOf(new Date(now.getTime() - CLOSED_YEAR_GRACE_MS).toISOString());
  return (year: number): boolean => year < openFrom;
};

/** Where the files projection stands: its active generation's checkpoint (undefined: nothing applied yet). */
export async function filesCheckpoint(db: Kysely<any>): Promise<GlobalPosition | undefined> {
  const generations = await loadGenerations(db, FILES_PROJECTION).catch((error: unknown) => {
    // The engine's tables not created yet (a new deployment): nothing is projected, read from the start.
    if (error instanceof Error && 'code' in error && error.code === '42P01') return [];
    throw error;
  });
  return generations.find((g) => g.state === 'active')?.checkpoint;
}

interface Seen {
  readonly position: GlobalPosition;
  readonly allocation: Allocation;
}

/** What this process read of one numbering stream: the allocations after `floor`, up to revision `tip`. */
interface StreamSeen {
  tip: bigint;
  floor: GlobalPosition | undefined;
  entries: Seen[];
  /** The last read started (it may have started before a caller's look: they wait for the next). */
  reading: Promise<void> | undefined;
  /** The next read, not started yet: every caller arriving before it starts shares it. */
  queued: Promise<void> | undefined;
  /** A caller judged the stream's year closed: the next read to start holds all it will ever hold. */
  closing: boolean;
  /** A read that started after the stream's year closed has finished: nothing more to read. */
  final: boolean;
}

const seenOf = (recorded: RecordedEvent): Seen => ({ position: recorded.position, allocation: numberingEvents.fromRecorded(recorded).data });

/** The allocations after `after` in the numbering streams of areas and years, kept per process between looks. */
export class UnprojectedAllocations {
  readonly #streams = new Map<string, StreamSeen>();
  /** A read back from a stream's tip under way, which the looks arriving meanwhile wait for. */
  readonly #readingBack = new Map<string, Promise<StreamSeen>>();

  constructor(private readonly store: EventStore) {}

  /**
   * `closed`: whether a year takes no more numbers (numberingYearClosed at the caller's moment, judged
   * before this look starts); a closed year's stream is read no more once a read begun after that is done.
   */
  async after(after: GlobalPosition | undefined, areaIds: readonly string[], years: readonly number[], closed: (year: number) => boolean = () => false): Promise<Allocation[]> {
    const found = await Promise.all(areaIds.flatMap((area) => years.map((year) => this.#stream(numberingStreamName(area, year), after, closed(year)))));
    return found.flat();
  }

  async #stream(stream: string, after: GlobalPosition | undefined, yearClosed: boolean): Promise<Allocation[]> {
    let seen: StreamSeen | undefined;
    for (;;) {
      seen = this.#streams.get(stream);
      // Nothing kept yet, or kept from a later checkpoint than this one (a rebuilt projection): read back from the tip.
      const stale = !seen || (seen.floor !== undefined && (after === undefined || comparePositions(after, seen.floor) < 0));
      if (seen && !stale) {
        // A caller that finds the year open again (a clock set back, in tests) reads the stream again.
        if (!yearClosed) seen.final = seen.closing = false;
        if (!seen.final) {
          seen.closing ||= yearClosed;
          await this.#readForward(stream, seen);
        }
        break;
      }
      const under = this.#readingBack.get(stream);
      if (under !== undefined) {
        // Counters that look at once share one read back; then each judges again what it holds (a read
        // forward, which starts after this look, adds what was allocated since that read began).
        await under.catch(() => undefined);
        continue;
      }
      const reading = readBack(this.store, stream, after, yearClosed);
      this.#readingBack.set(stream, reading);
      try {
        seen = await reading;
      } finally {
        this.#readingBack.delete(stream);
      }
      this.#streams.set(stream, seen);
      break;
    }
    if (after !== undefined) {
      // What the projection has applied is in the read model: forget it.
      seen.entries = seen.entries.filter((e) => comparePositions(e.position, after) > 0);
      if (seen.floor === undefined || comparePositions(after, seen.floor) > 0) seen.floor = after;
    }
    return seen.entries.filter((e) => after === undefined || comparePositions(e.position, after) > 0).map((e) => e.allocation);
  }

  /**
   * Allocations this process has just appended to `stream` (by the allocator, at consecutive revisions):
   * kept as a read forward would have kept them, so the next look need not read them back and parse
   * their receipts again. Only when they follow the last revision seen (else another process's numbers
   * lie between: the next read forward reads them all). `position` may be the append's last event's for
   * every one of them (later than an earlier one's own): such an entry is only kept a look longer.
   */
  noteAppended(stream: string, appended: readonly { readonly revision: bigint; readonly position: GlobalPosition; readonly allocation: Allocation }[]): void {
    const seen = this.#streams.get(stream);
    const first = appended[0];
    if (!seen || seen.final || first === undefined || first.revision !== seen.tip + 1n) return;
    for (const a of appended) seen.entries.push({ position: a.position, allocation: a.allocation });
    seen.tip = (appended[appended.length - 1] as (typeof appended)[number]).revision;
  }

  /** Reads what was appended since `seen.tip`; callers arriving while a read runs share the next one, which starts after their look. */
  #readForward(stream: string, seen: StreamSeen): Promise<void> {
    if (seen.queued) return seen.queued;
    const previous = seen.reading ?? Promise.resolve();
    const read = (async () => {
      await previous.catch(() => undefined);
      seen.queued = undefined;
      // Judged before this read starts: every caller sharing it looked after the year closed, or some did.
      const last = seen.closing;
      try {
        for await (const recorded of this.store.readStream(stream, { fromRevision: seen.tip + 1n })) {
          // Noted meanwhile (noteAppended: this process's own allocations).
          if (recorded.revision <= seen.tip) continue;
          seen.entries.push(seenOf(recorded));
          seen.tip = recorded.revision;
        }
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error;
      }
      if (last) seen.final = true;
    })();
    seen.queued = read;
    seen.reading = read;
    return read;
  }
}

/** The allocations after `after`, read backwards from the stream's tip (and a margin past `after`, above). */
async function readBack(store: EventStore, stream: string, after: GlobalPosition | undefined, yearClosed: boolean): Promise<StreamSeen> {
  const entries: Seen[] = [];
  let tip = -1n;
  let older = 0;
  try {
    for await (const recorded of store.readStream(stream, { direction: 'backwards' })) {
      if (tip === -1n) tip = recorded.revision;
      if (after !== undefined && comparePositions(recorded.position, after) <= 0) {
        older += 1;
        if (older >= MARGIN) break;
        continue;
      }
      entries.unshift(seenOf(recorded));
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return { tip, floor: after, entries, reading: undefined, queued: undefined, closing: yearClosed, final: yearClosed };
}
