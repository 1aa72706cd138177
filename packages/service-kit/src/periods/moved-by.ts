// 更正 with its reasons: which events recorded after a close (关账) moved a restated figure. A service's
// statistics for a closed period are counted on its projection replayed up to the close (`queryAsOf`, in
// temporary tables); inside that same replay the streams that changed since the close (their rows'
// revisions differ now: `changedStreams`) have their later events applied on top, in $all order, and the
// figures counted again with the very query that counts them. An event after which a figure differs
// moved it. Counting after every event would cost a query each, so the events are applied in halves
// under a savepoint: a half after which no figure differs is kept as it is (none of its events moved
// one; events of one half that cancel each other out, counted then withdrawn, are not listed), a half
// that moved something is rolled back and split, down to the single events.
import { comparePositions, formatPosition, parsePosition, readEnvelope, type Actor, type EventStore, type GlobalPosition, type RecordedEvent } from '@bureau/event-store';
import { sql, type Kysely } from 'kysely';

/** One event that moved a figure: what an auditor needs to open its case (services/audit: /cases/:kind/:caseId/history). No event data. */
export interface MovingEvent {
  readonly eventId: string;
  readonly streamName: string;
  /** The stream's id after its category: the work order, the legal-aid file, the ledger (village_month). */
  readonly caseId: string;
  readonly eventType: string;
  readonly recordedAt: string;
  /** Who recorded it (the envelope's actor, as the audit service shows it); null when the metadata has none. */
  readonly actor: Actor | null;
  /** Its place in $all, "commit/prepare". */
  readonly position: string;
}

/** A stream with events after the close: its revision at the close (null: no row then) and now (null: read to its end). */
export interface ChangedStream {
  readonly streamName: string;
  readonly atClose: bigint | null;
  readonly now: bigint | null;
}

/** The rows' revisions (by stream name) as of the close and now: the streams that have events after the close. */
export function changedStreams(atClose: ReadonlyMap<string, bigint>, now: ReadonlyMap<string, bigint>): ChangedStream[] {
  const names = [...new Set([...atClose.keys(), ...now.keys()])].sort();
  return names
    .filter((name) => atClose.get(name) !== now.get(name))
    .map((streamName) => ({ streamName, atClose: atClose.get(streamName) ?? null, now: now.get(streamName) ?? null }));
}

/** The part of a projection this needs: its tables and how it applies events. */
export interface ReplayingProjection {
  readonly tables: readonly string[];
  handle(trx: Kysely<any>, events: readonly RecordedEvent[], tables: { readonly [table: string]: string }): Promise<void>;
}

export type Figures = Readonly<Record<string, number | null>>;

export interface EventsThatMovedInput {
  /** The transaction `queryAsOf` hands its query: the projection's temporary tables as of the close. */
  readonly trx: Kysely<any>;
  readonly store: EventStore;
  readonly projection: ReplayingProjection;
  readonly close: GlobalPosition;
  readonly streams: readonly ChangedStream[];
  /** The figures (flat, by name) as the statistics count them, within the caller's scope. */
  readonly figures: (trx: Kysely<any>) => Promise<Figures>;
  /** The figures asked about (the restated ones); the others are counted but not reported. */
  readonly restated: ReadonlySet<string>;
}

const moving = (e: RecordedEvent): MovingEvent => ({
  eventId: e.id,
  streamName: e.streamName,
  caseId: e.streamName.slice(e.streamName.indexOf('-') + 1),
  eventType: e.type,
  recordedAt: e.recordedAt.toISOString(),
  actor: readEnvelope(e.metadata)?.actor ?? null,
  position: formatPosition(e.position),
});

const differing = (a: Figures, b: Figures) => [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => (a[k] ?? null) !== (b[k] ?? null));

/** Per restated figure, the events after the close that moved it, in $all order. Leaves the temporary tables as they stand now. */
export async function eventsThatMoved({ trx, store, projection, close, streams, figures, restated }: EventsThatMovedInput): Promise<Map<string, MovingEvent[]>> {
  const moved = new Map<string, MovingEvent[]>();
  if (streams.length === 0 || restated.size === 0) return moved;
  const later: RecordedEvent[] = [];
  for (const stream of streams) {
    const from = stream.atClose === null ? 0n : stream.atClose + 1n;
    for await (const e of store.readStream(stream.streamName, { fromRevision: from })) {
      if (stream.now !== null && e.revision > stream.now) break;
      if (comparePositions(e.position, close) > 0) later.push(e);
    }
  }
  later.sort((a, b) => comparePositions(a.position, b.position));
  const tables = Object.fromEntries(projection.tables.map((t) => [t, `pg_temp.${t}`]));
  let savepoints = 0;
  const apply = async (events: readonly RecordedEvent[], before: Figures): Promise<Figures> => {
    if (events.length === 0) return before;
    if (events.length === 1) {
      await projection.handle(trx, events, tables);
      const after = await figures(trx);
      for (const name of differing(before, after).filter((n) => restated.has(n))) {
        (moved.get(name) ?? moved.set(name, []).get(name)!).push(moving(events[0]!));
      }
      return after;
    }
    const savepoint = sql.id(`moved_${++savepoints}`);
    await sql`SAVEPOINT ${savepoint}`.execute(trx);
    await projection.handle(trx, events, tables);
    const after = await figures(trx);
    if (differing(before, after).length === 0) {
      await sql`RELEASE SAVEPOINT ${savepoint}`.execute(trx);
      return after;
    }
    await sql`ROLLBACK TO SAVEPOINT ${savepoint}`.execute(trx);
    await sql`RELEASE SAVEPOINT ${savepoint}`.execute(trx);
    const half = Math.ceil(events.length / 2);
    return apply(events.slice(half), await apply(events.slice(0, half), before));
  };
  await apply(later, await figures(trx));
  return moved;
}

/** Adds one close's moving events to another's (districts closed at different positions), keeping $all order. */
export function mergeMoved(into: Map<string, MovingEvent[]>, from: ReadonlyMap<string, readonly MovingEvent[]>): Map<string, MovingEvent[]> {
  const at = (e: MovingEvent) => parsePosition(e.position)!;
  for (const [figure, events] of from) into.set(figure, [...(into.get(figure) ?? []), ...events].sort((a, b) => comparePositions(at(a), at(b))));
  return into;
}
