// Group commit's set-wise path (20261130T010000_append_batch) now also takes appends that create their
// stream and appends with caller ids, which until now sent the whole batch down the general path (one
// append_to_stream call per append, about 160 µs of server time each). Every command's first append
// does both: a new work order is a new stream, and its event ids come from the command id, so the
// 12345 webhook's appends never reached the set-wise path.
//
// What still takes the general path: an id already stored (a retry to recognise, or an id of another
// stream to refuse) or repeated within the batch; those need append_to_stream's rules.
//
// New streams: a stream missing when the batch locks its existing streams is taken as revision -1 with
// the zero hash, so no_stream and any succeed on it and stream_exists or an exact revision fail with
// actual revision -1, as append_to_stream decides. Its row is inserted, with its final revision and
// hash, only if an append to it succeeded; a stream created meanwhile by another transaction makes
// that INSERT fail with a unique violation, the batch rolls back as a whole, and the caller retries
// its appends one by one (group-commit.ts). New rows are inserted in byte order of their names, as
// existing rows are locked, so two batches cannot deadlock on them.
//
// Caller ids are looked up by index probes, and every locked stream's order in $all is guarded
// (a batch takes its transaction id at its first lock, and may then wait for a later stream's row
// while another transaction appends to it), both as in 20261130T020000_append_guards.
import { type Kysely, sql } from 'kysely';
import { up as appendBatchBefore } from './20261130T010000_append_batch.js';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function event_store.append_batch(
      p_streams text[], p_expected bigint[], p_ids_given boolean[], p_counts integer[],
      p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    )
    returns table (o_status text, o_revision bigint, o_commit xid8, o_prepare bigint, o_index integer)
    language plpgsql
    set plan_cache_mode = force_generic_plan
    -- Every statement here touches a few rows by key. Generic plans made while a table is small (a new
    -- database) would otherwise read it whole from then on, for the life of the connection: the UPDATE
    -- joining the batch's arrays with event_store.streams did.
    set enable_seqscan = off
    as $fn$
    declare
      v_appends integer := cardinality(p_streams);
      v_general boolean := false;
      v_names text[];
      v_revisions bigint[];
      v_hashes bytea[];
      v_new boolean[];
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
      v_commit xid8;
      v_from integer := 1;
      v_to integer;
      v_at integer;
      v_revision bigint;
      v_hash bytea;
      v_expected bigint;
      v_zero bytea := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
    begin
      if true = any(p_ids_given) then
        -- A retry, or an id used twice in this batch, needs the general path's rules.
        v_general := (select count(distinct i) from unnest(p_ids) i) < cardinality(p_ids)
                  or exists (select 1 from unnest(p_ids) i
                              cross join lateral (select 1 from event_store.events e where e.event_id = i limit 1) found);
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

      -- Existing streams locked in byte order, each by an index probe (as \`= any(p_streams)\`, the cached
      -- generic plan, made on a small table, scanned all of event_store.streams); missing ones join them
      -- as new, at revision -1.
      select coalesce(array_agg(l.stream_name), '{}'), coalesce(array_agg(l.revision), '{}'), coalesce(array_agg(l.last_hash), '{}')
        into v_names, v_revisions, v_hashes
        from (select n.stream_name from (select distinct u as stream_name from unnest(p_streams) u) n
               order by n.stream_name collate "C") q
        cross join lateral (select s.stream_name, s.revision, s.last_hash from event_store.streams s
                             where s.stream_name = q.stream_name limit 1 for update) l;
      -- Taken only now (the locks above took it, if there were rows): the later a batch takes its id,
      -- the less often it is older than another append to one of its streams.
      v_commit := pg_current_xact_id();
      if exists (select 1 from unnest(v_names, v_revisions) u(stream_name, revision)
                  cross join lateral (select 1 from event_store.events e
                                       where e.stream_name = u.stream_name and e.revision = u.revision
                                         and e.transaction_id > v_commit limit 1) younger) then
        -- One call per stream only to name it in the error.
        for i in 1 .. cardinality(v_names) loop
          perform event_store.assert_stream_order(v_names[i], v_revisions[i]);
        end loop;
      end if;
      v_new := array_fill(false, array[cardinality(v_names)]);
      for i in 1 .. v_appends loop
        if array_position(v_names, p_streams[i]) is null then
          v_names := v_names || p_streams[i];
          v_revisions := v_revisions || (-1)::bigint;
          v_hashes := v_hashes || v_zero;
          v_new := v_new || true;
        end if;
      end loop;

      v_touched := array_fill(false, array[cardinality(v_names)]);
      for i in 1 .. v_appends loop
        v_to := v_from + p_counts[i] - 1;
        v_at := array_position(v_names, p_streams[i]);
        v_revision := v_revisions[v_at];
        v_expected := p_expected[i];
        if v_expected = -2 or (v_expected = -1 and v_revision = -1) or (v_expected = -4 and v_revision >= 0)
           or (v_expected >= 0 and v_revision = v_expected) then
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
        insert into event_store.streams (stream_name, revision, last_hash)
          select u.stream_name, u.revision, u.hash
            from unnest(v_names, v_revisions, v_hashes, v_new, v_touched) u(stream_name, revision, hash, created, touched)
           where u.created and u.touched
           order by u.stream_name collate "C";
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
          from unnest(v_names, v_revisions, v_hashes, v_new, v_touched) u(stream_name, revision, hash, created, touched)
         where u.touched and not u.created and s.stream_name = u.stream_name;
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
  await appendBatchBefore(db);
}
