// The append functions take an append's data and metadata as ONE JSON array each (the events' canonical
// texts joined by commas in brackets), instead of one text[] element per event. A text[] parameter's
// literal quotes and backslash-escapes every quote of every JSON text: the client escaped it
// (pg's arrayString, about a tenth of a province import's node CPU), and the server un-escaped it again
// (array_in) before the events' JSON was even looked at. A json parameter is sent as it is and read once.
//
// json_array_elements gives each element's text exactly as it stands in the array (json, unlike jsonb,
// keeps its text), so the functions below get the same canonical texts, byte for byte, as the text[]
// parameters carried, and hand them to the append functions unchanged: every rule (expected revision,
// idempotency, ids, stream order, the hash chain over the stored text) is theirs, as before.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // A JSON array's elements as texts, in order, each exactly as written in the array.
  await sql`
    create function event_store.json_texts(p_array json) returns text[]
    language sql immutable strict parallel safe
    as $fn$
      select coalesce(array_agg(e.value::text order by e.ord), '{}') from json_array_elements(p_array) with ordinality e(value, ord)
    $fn$`.execute(db);
  await sql`
    create function event_store.append_json(
      p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data json, p_metadata json,
      p_ids_given boolean, p_notify boolean,
      out o_status text, out o_revision bigint, out o_commit xid8, out o_prepare bigint, out o_index integer
    )
    language sql
    as $fn$
      select a.o_status, a.o_revision, a.o_commit, a.o_prepare, a.o_index
        from event_store.append_to_stream(p_stream, p_expected, p_ids, p_types,
               event_store.json_texts(p_data), event_store.json_texts(p_metadata), p_ids_given, p_notify) a
    $fn$`.execute(db);
  await sql`
    create function event_store.append_batch_json(
      p_streams text[], p_expected bigint[], p_ids_given boolean[], p_counts integer[],
      p_ids uuid[], p_types text[], p_data json, p_metadata json
    )
    returns table (o_status text, o_revision bigint, o_commit xid8, o_prepare bigint, o_index integer)
    language sql
    as $fn$
      select a.o_status, a.o_revision, a.o_commit, a.o_prepare, a.o_index
        from event_store.append_batch(p_streams, p_expected, p_ids_given, p_counts, p_ids, p_types,
               event_store.json_texts(p_data), event_store.json_texts(p_metadata)) a
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function event_store.append_batch_json`.execute(db);
  await sql`drop function event_store.append_json`.execute(db);
  await sql`drop function event_store.json_texts`.execute(db);
}
