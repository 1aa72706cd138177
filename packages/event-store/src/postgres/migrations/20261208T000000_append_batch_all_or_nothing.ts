// All or nothing: the appends of one call of append_batch_json are written together or not at all. A
// caller whose appends only mean something together (an application number and the application it
// numbers: services/legal-aid) sends them here. append_batch_json keeps each append's own outcome;
// when any append is refused (its expected revision, an id of another event), this function raises
// ES001 with every append's outcome as the error's detail, and the error rolls back the whole
// statement's transaction: the appends that succeeded are undone with it. A call whose every append is
// a retry recognised as such ('idempotent': the same events at the same place) succeeds, writing nothing;
// a retry recognised beside appends not yet written is refused too (nothing of the call then stands
// for what it was: the one already stored was written with other appends, or alone).
// The outcome comes back as one JSON array of [status, revision, commit, prepare, index] texts, one
// per append in the order given: one row, one column.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function event_store.append_batch_all_json(
      p_streams text[], p_expected bigint[], p_ids_given boolean[], p_counts integer[],
      p_ids uuid[], p_types text[], p_data json, p_metadata json
    )
    returns json
    language plpgsql
    as $fn$
    declare
      v_outcomes json;
      v_written boolean;
      v_retried boolean;
    begin
      select json_agg(json_build_array(a.o_status, a.o_revision::text, a.o_commit::text, a.o_prepare::text, a.o_index::text) order by a.ord),
             bool_and(a.o_status = 'appended'), bool_and(a.o_status = 'idempotent')
        into v_outcomes, v_written, v_retried
        from event_store.append_batch_json(p_streams, p_expected, p_ids_given, p_counts, p_ids, p_types, p_data, p_metadata)
             with ordinality a(o_status, o_revision, o_commit, o_prepare, o_index, ord);
      if not (v_written or v_retried) then
        raise exception using errcode = 'ES001', message = 'all-or-nothing append refused: nothing written', detail = v_outcomes::text;
      end if;
      return v_outcomes;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function event_store.append_batch_all_json`.execute(db);
}
