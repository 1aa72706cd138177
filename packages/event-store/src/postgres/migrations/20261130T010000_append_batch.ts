// Group commit: several independent appends in one call and one transaction (README "Group commit").
// Each append keeps its own outcome: append_to_stream reports a failed guard or a reused id as a
// status and writes nothing for it, so one append's refusal never undoes another's write.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // p_streams, p_expected, p_ids_given, p_counts: one entry per append, in the order they are applied.
  // p_ids, p_types, p_data, p_metadata: every append's events, concatenated in that order; append i
  // owns p_counts[i] of them. Returns one row per append, in the same order.
  //
  // The common batch (every stream exists, no append is a retry) is done set-wise: one statement locks
  // the batch's stream rows, a loop without SQL checks each guard and chains the hashes exactly as
  // append_to_stream does, then one INSERT writes every event and one UPDATE moves every stream row on.
  // Any other batch (a stream to create, no_stream, an id already stored or repeated in the batch)
  // takes the general path: append_to_stream for each append in turn, with all its rules.
  //
  // Stream rows are locked in byte order of their names (the caller sends the appends in that order
  // too), so two batches in flight cannot deadlock on them.
  await sql`
    create function event_store.append_batch(
      p_streams text[], p_expected bigint[], p_ids_given boolean[], p_counts integer[],
      p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    )
    returns table (o_status text, o_revision bigint, o_commit xid8, o_prepare bigint, o_index integer)
    language plpgsql
    set plan_cache_mode = force_generic_plan
    as $fn$
    declare
      v_appends integer := cardinality(p_streams);
      v_general boolean := -1 = any(p_expected);
      v_names text[];
      v_revisions bigint[];
      v_hashes bytea[];
      v_touched boolean[];
      v_status text[] := array_fill(null::text, array[v_appends]);
      v_result bigint[] := array_fill(null::bigint, array[v_appends]);
      v_last_event integer[] := array_fill(null::integer, array[v_appends]);
      v_streams_out text[] := '{}';
      v_revisions_out bigint[] := '{}';
      v_hashes_out bytea[] := '{}';
      v_event_of integer[] := '{}';
      v_out integer := 0;
      v_sequences bigint[];
      v_commit xid8 := pg_current_xact_id();
      v_from integer := 1;
      v_to integer;
      v_at integer;
      v_revision bigint;
      v_hash bytea;
      v_expected bigint;
    begin
      if not v_general and true = any(p_ids_given) then
        -- A retry, or an id used twice in this batch, needs the general path's rules.
        v_general := (select count(distinct i) from unnest(p_ids) i) < cardinality(p_ids)
                  or exists (select 1 from event_store.events e where e.event_id = any(p_ids));
      end if;
      if not v_general then
        select coalesce(array_agg(l.stream_name), '{}'), coalesce(array_agg(l.revision), '{}'), coalesce(array_agg(l.last_hash), '{}')
          into v_names, v_revisions, v_hashes
          from (select s.stream_name, s.revision, s.last_hash from event_store.streams s
                 where s.stream_name = any(p_streams) order by s.stream_name collate "C" for update) l;
        v_general := cardinality(v_names) < (select count(distinct n) from unnest(p_streams) n);
      end if;

      if v_general then
        for i in 1 .. v_appends loop
          v_to := v_from + p_counts[i] - 1;
          select a.o_status, a.o_revision, a.o_commit, a.o_prepare, a.o_index
            into o_status, o_revision, o_commit, o_prepare, o_index
            from event_store.append_to_stream(p_streams[i], p_expected[i], p_ids[v_from:v_to], p_types[v_from:v_to],
                                              p_data[v_from:v_to], p_metadata[v_from:v_to], p_ids_given[i], false) a;
          return next;
          v_from := v_to + 1;
        end loop;
        return;
      end if;

      v_touched := array_fill(false, array[cardinality(v_names)]);
      for i in 1 .. v_appends loop
        v_to := v_from + p_counts[i] - 1;
        v_at := array_position(v_names, p_streams[i]);
        v_revision := v_revisions[v_at];
        v_expected := p_expected[i];
        if v_expected = -2 or (v_expected = -4 and v_revision >= 0) or (v_expected >= 0 and v_revision = v_expected) then
          v_hash := v_hashes[v_at];
          for k in v_from .. v_to loop
            v_revision := v_revision + 1;
            v_hash := sha256(v_hash || convert_to(concat_ws(E'\\n', 'v1', p_streams[i], v_revision::text, p_ids[k]::text,
                                                           p_types[k], p_data[k], p_metadata[k]), 'UTF8'));
            v_out := v_out + 1;
            v_streams_out[v_out] := p_streams[i];
            v_revisions_out[v_out] := v_revision;
            v_hashes_out[v_out] := v_hash;
            v_event_of[v_out] := k;
          end loop;
          v_revisions[v_at] := v_revision;
          v_hashes[v_at] := v_hash;
          v_touched[v_at] := true;
          v_status[i] := 'appended';
          v_last_event[i] := v_out;
        else
          v_status[i] := 'wrong_expected_revision';
        end if;
        v_result[i] := v_revision;
        v_from := v_to + 1;
      end loop;

      if v_out > 0 then
        -- Identity values are drawn in the order the rows are inserted, which is event order.
        with inserted as (
          insert into event_store.events (stream_name, revision, event_id, type, data, metadata, hash)
          select u.stream_name, u.revision, p_ids[u.k], p_types[u.k], p_data[u.k]::json, p_metadata[u.k]::json, u.hash
            from unnest(v_streams_out, v_revisions_out, v_hashes_out, v_event_of) with ordinality u(stream_name, revision, hash, k, ord)
            order by u.ord
          returning sequence
        )
        select array_agg(sequence order by sequence) into v_sequences from inserted;
        update event_store.streams s set revision = u.revision, last_hash = u.hash
          from unnest(v_names, v_revisions, v_hashes, v_touched) u(stream_name, revision, hash, touched)
         where u.touched and s.stream_name = u.stream_name;
      end if;

      for i in 1 .. v_appends loop
        o_status := v_status[i];
        o_revision := v_result[i];
        o_index := null;
        if v_status[i] = 'appended' then
          o_commit := v_commit;
          o_prepare := v_sequences[v_last_event[i]];
        else
          o_commit := null;
          o_prepare := null;
        end if;
        return next;
      end loop;
    end
    $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function event_store.append_batch`.execute(db);
}
