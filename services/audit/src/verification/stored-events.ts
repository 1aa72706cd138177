// The PostgreSQL store's events as stored, for verifying everything: data and metadata as the text the
// `json` columns keep (the canonical text the hash was computed over, when nothing changed it), not
// parsed. A chain is then checked by hashing that text as read: no JSON.parse and no JSON.stringify per
// event, which were most of what verifying cost beyond reading (README "What verifying costs"). Text
// that does not hash (changed, or written in another form, e.g. by the jsonb era's conversion) is
// checked again the usual way (chain-checker.ts), so the verdicts are those of the parsed path.
// This reads the store's table directly, as count-events.ts does: the event store has no read of its
// stored text yet (such a read belongs in @bureau/event-store; this file would then go).
// Rows up to a position the store called its head are final (every older transaction had ended), so
// a plain range read in the store's global order, (transaction_id, sequence), is the pass over $all.
import type { GlobalPosition } from '@bureau/event-store';
import type pg from 'pg';

export interface StoredEvent {
  readonly streamName: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  /** The data column's text, as stored. */
  readonly dataText: string;
  readonly metadataText: string;
  /** Hex. */
  readonly hash: string;
}

/** The store's database (a pool, or a client). */
export type StoredEventsQueryable = Pick<pg.Pool, 'query'>;

/** Reads the store's events, in $all order, up to and including `upTo`. */
export type StoredEventsReader = (upTo: GlobalPosition) => AsyncIterable<StoredEvent>;

const PAGE = 5000;
const asText = (value: string): string => value;
const RAW_TEXT: pg.CustomTypesConfig = { getTypeParser: (() => asText) as pg.CustomTypesConfig['getTypeParser'] };
const PAGE_SQL = `select e.stream_name, e.revision, e.event_id, e.type, e.data, e.metadata, e.hash, e.transaction_id, e.sequence
  from event_store.events e
  where (e.transaction_id, e.sequence) > ($1::xid8, $2::int8) and (e.transaction_id, e.sequence) <= ($3::xid8, $4::int8)
  order by e.transaction_id, e.sequence limit $5`;

type Row = [stream: string, revision: string, id: string, type: string, data: string, metadata: string, hash: string, commit: string, prepare: string];

export function storedEventsReader(db: StoredEventsQueryable): StoredEventsReader {
  const page = (after: GlobalPosition, upTo: GlobalPosition) => db.query<Row>({
    name: 'audit_stored_events_page',
    text: PAGE_SQL,
    values: [after.commit.toString(), after.prepare.toString(), upTo.commit.toString(), upTo.prepare.toString(), PAGE],
    rowMode: 'array',
    types: RAW_TEXT,
  }).then((r) => r.rows);
  return async function* read(upTo) {
    // The next page is asked for as soon as this one arrives: PostgreSQL produces it while this one is hashed.
    let next: Promise<Row[]> | undefined = page({ commit: 0n, prepare: 0n }, upTo);
    while (next !== undefined) {
      const rows: Row[] = await next;
      next = undefined;
      const last = rows.at(-1);
      if (rows.length === PAGE && last !== undefined) {
        next = page({ commit: BigInt(last[7]), prepare: BigInt(last[8]) }, upTo);
        next.catch(() => undefined);
      }
      for (const r of rows) {
        // bytea's text form is "\x" followed by hex.
        yield { streamName: r[0], revision: BigInt(r[1]), id: r[2], type: r[3], dataText: r[4], metadataText: r[5], hash: r[6].slice(2) };
      }
    }
  };
}
