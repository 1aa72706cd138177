// append_to_stream, two corrections (test/postgres/stream-order.test.ts and the contract's race test;
// test/postgres/id-lookups.test.ts).
//
// 1. Stream order in $all. $all is ordered by (transaction id, sequence), and a stream's revisions are
//    ordered by its row lock; the two agree only if a transaction gets its id after the stream's previous
//    appender got its own. Not so when a transaction had its id before it waited for the stream: it wrote
//    something earlier in a caller's transaction, or (seen in the contract's race test, about one run in
//    eight) its INSERT of a new stream row took an id and then lost the race to create the stream. Its
//    event then came after the other's in the stream and before it in $all, and a projection saw a
//    stream's later event first. Now an append whose transaction id is older than that of the stream's
//    last event is refused with serialization_failure (40001): nothing is written, and the transaction is
//    to be retried, when it gets a new, younger id. The store retries its own appends itself (append.ts);
//    a caller's transaction gets the error, as with any serialization failure. event_store.
//    assert_stream_order is the check, shared with append_batch.
//
// 2. Caller ids are looked up one by one through the unique index on event_id, never by a join
//    PostgreSQL may plan as a hash join over the whole events table. The function's plans are generic and
//    cached for the life of a connection: planned on a new, empty table, the join of the id array with
//    event_store.events became a sequential scan, and every later append to a new stream with caller ids
//    (every command's first event) read the table through: about 1 ms of server time per webhook call at
//    150,000 events, and growing with the table. Each look-up is now a LATERAL subquery with LIMIT 1
//    (event_id is unique, so the limit changes no result), which the planner cannot flatten into a join:
//    one index probe per id, whatever the statistics said when the plan was made.
//
// The function is otherwise as 20261130T000000_events_json left it (its comments explain each step).
import { type Kysely, sql } from 'kysely';
import { appendFunction } from './20261130T000000_events_json.js';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function event_store.assert_stream_order(p_stream text, p_revision bigint) returns void
    language plpgsql
    as $fn$
    begin
      if p_revision >= 0 and exists (select 1 from event_store.events e
                                      where e.stream_name = p_stream and e.revision = p_revision
                                        and e.transaction_id > pg_current_xact_id()) then
        raise exception using
          errcode = 'serialization_failure',
          message = format('stream %s: its last event was written by a younger transaction than this one', p_stream),
          hint = 'Retry the transaction: an append must come after the stream''s last event in $all too.';
      end if;
    end
    $fn$`.execute(db);
  await sql`
      create or replace function event_store.append_to_stream(
        p_stream text, p_expected bigint, p_ids uuid[], p_types text[], p_data text[], p_metadata text[],
        p_ids_given boolean, p_notify boolean,
        out o_status text, out o_revision bigint, out o_commit xid8, out o_prepare bigint, out o_index integer
      )
      language plpgsql
      set plan_cache_mode = force_generic_plan
      as $fn$
      declare
        v_count integer := cardinality(p_ids);
        v_revision bigint;
        v_hash bytea;
        v_created boolean := false;
        v_found integer := 0;
        v_first_found integer;
        v_elsewhere integer;
        v_base_min bigint;
        v_base_max bigint;
        v_first bigint;
        v_hashes bytea[] := '{}';
      begin
        -- Fast path, the common case: one new event (no caller id, so no retry to recognise) to an
        -- existing stream. A single UPDATE locks the row, checks the guard (re-checked on the newest row
        -- version if a concurrent append got there first), and moves revision and hash on; RETURNING
        -- gives the new ones. Anything else (missing stream, failed guard) takes the general path below.
        if v_count = 1 and not p_ids_given and p_expected <> -1 then
          update event_store.streams s
             set revision = s.revision + 1,
                 last_hash = sha256(s.last_hash || convert_to(concat_ws(E'\\n', 'v1', p_stream, (s.revision + 1)::text,
                                    p_ids[1]::text, p_types[1], p_data[1], p_metadata[1]), 'UTF8'))
           where s.stream_name = p_stream and (p_expected in (-2, -4) or s.revision = p_expected)
          returning s.revision, s.last_hash into v_revision, v_hash;
          if found then
            perform event_store.assert_stream_order(p_stream, v_revision - 1);
            insert into event_store.events (stream_name, revision, event_id, type, data, metadata, hash)
              values (p_stream, v_revision, p_ids[1], p_types[1], p_data[1]::json, p_metadata[1]::json, v_hash)
              returning sequence into o_prepare;
            if p_notify then
              perform pg_notify('event_store_appended', '');
            end if;
            o_status := 'appended';
            o_revision := v_revision;
            o_commit := pg_current_xact_id();
            return;
          end if;
        end if;
  
        loop
          select s.revision, s.last_hash into v_revision, v_hash
            from event_store.streams s where s.stream_name = p_stream for update;
          exit when found;
          if p_expected >= 0 or p_expected = -4 then
            o_status := 'wrong_expected_revision';
            o_revision := -1;
            return;
          end if;
          if p_ids_given then
            -- An id stored in another stream is refused before the stream is created. (One stored in this
            -- stream means a concurrent append created it meanwhile: the next turn of the loop sees it.)
            select min(o.ord)::integer into v_elsewhere
              from unnest(p_ids) with ordinality o(id, ord)
              cross join lateral (select e.stream_name from event_store.events e where e.event_id = o.id limit 1) e
              where e.stream_name <> p_stream;
            if v_elsewhere is not null then
              o_status := 'duplicate_event_id';
              o_revision := -1;
              o_index := v_elsewhere;
              return;
            end if;
          end if;
          -- A concurrent creator makes this wait for its commit, then do nothing: loop and lock its row.
          insert into event_store.streams (stream_name, revision, last_hash)
            values (p_stream, -1, '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
            on conflict do nothing;
          if found then
            v_revision := -1;
            v_hash := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
            v_created := true;
            exit;
          end if;
        end loop;
        if not v_created then
          perform event_store.assert_stream_order(p_stream, v_revision);
        end if;
  
        if p_ids_given and not v_created then
          select count(*)::integer, min(o.ord)::integer, (min(o.ord) filter (where e.stream_name <> p_stream))::integer,
                 min(e.revision - o.ord), max(e.revision - o.ord)
            into v_found, v_first_found, v_elsewhere, v_base_min, v_base_max
            from unnest(p_ids) with ordinality o(id, ord)
            cross join lateral (select e.stream_name, e.revision from event_store.events e where e.event_id = o.id limit 1) e;
          if v_found > 0 then
            if v_elsewhere is not null then
              o_status := 'duplicate_event_id';
              o_revision := v_revision;
              o_index := v_elsewhere;
              return;
            end if;
            -- Idempotent retry (EventStoreDB semantics): the whole batch is already there, in order, at
            -- the place this expected revision names.
            v_first := v_base_min + 1;
            if v_found = v_count and v_base_min = v_base_max and (
                 p_expected in (-2, -4) or (p_expected = -1 and v_first = 0) or (p_expected >= 0 and v_first = p_expected + 1)) then
              select 'idempotent', e.revision, e.transaction_id, e.sequence into o_status, o_revision, o_commit, o_prepare
                from event_store.events e where e.stream_name = p_stream and e.revision = v_first + v_count - 1;
              return;
            end if;
          end if;
        end if;
  
        if not (p_expected = -2 or (p_expected = -1 and v_revision = -1) or (p_expected = -4 and v_revision >= 0)
                or (p_expected >= 0 and v_revision = p_expected)) then
          o_status := 'wrong_expected_revision';
          o_revision := v_revision;
          return;
        end if;
        if v_found > 0 then
          -- Some ids of the batch are in this stream, but not as a retry of this append.
          o_status := 'duplicate_event_id';
          o_revision := v_revision;
          o_index := v_first_found;
          return;
        end if;
  
        for i in 1..v_count loop
          v_hash := sha256(v_hash || convert_to(concat_ws(E'\\n', 'v1', p_stream, (v_revision + i)::text, p_ids[i]::text,
                                                           p_types[i], p_data[i], p_metadata[i]), 'UTF8'));
          v_hashes[i] := v_hash;
        end loop;
  
        -- One event (the common case) needs neither unnest nor an aggregate over the inserted rows.
        if v_count = 1 then
          insert into event_store.events (stream_name, revision, event_id, type, data, metadata, hash)
            values (p_stream, v_revision + 1, p_ids[1], p_types[1], p_data[1]::json, p_metadata[1]::json, v_hash)
            returning sequence into o_prepare;
        else
          with inserted as (
            insert into event_store.events (stream_name, revision, event_id, type, data, metadata, hash)
            select p_stream, v_revision + o.ord, o.id, p_types[o.ord], p_data[o.ord]::json, p_metadata[o.ord]::json, v_hashes[o.ord]
              from unnest(p_ids) with ordinality o(id, ord)
              order by o.ord
            returning sequence
          )
          select max(sequence) into o_prepare from inserted;
        end if;
  
        update event_store.streams set revision = v_revision + v_count, last_hash = v_hash where stream_name = p_stream;
        if p_notify then
          perform pg_notify('event_store_appended', '');
        end if;
        o_status := 'appended';
        o_revision := v_revision + v_count;
        o_commit := pg_current_xact_id();
      end
      $fn$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await appendFunction('json').execute(db);
  await sql`drop function event_store.assert_stream_order`.execute(db);
}
