// The report's projection: every service's streams folded (each by its own registry) into facts, kept as
// versions. A change of a fact (new, changed, no longer counted) appends a version with the position and
// time of the event that made it and closes the previous one at that position, so a figure can be
// counted as it stood at any position (a closed period) and a restatement names the events that moved it.
import type { RecordedEvent } from '@bureau/event-store';
import { defineProjection, type ReadModelTransaction, type TableNames } from '@bureau/projections';
import { sql } from 'kysely';
import { sameFact, type Fact } from '../facts/fact.js';
import { createTalliesTable } from './kept-tallies.js';
import { kindOfStream, reportStreamCategories, streamKinds, type FactRules } from '../facts/stream-kinds.js';

export const FACTS_PROJECTION = 'report_facts';

type Known = Record<string, { version: number; present: boolean; fact: Fact }>;
type StreamRow = { summary: unknown; facts: Known };
type Tables = TableNames<'report_facts' | 'report_streams' | 'report_tallies'>;

interface VersionRow {
  fact: Fact;
  version: number;
  present: boolean;
  streamName: string;
  event: RecordedEvent;
  superseded: RecordedEvent | null;
}

export const factsProjectionOf = (rules: FactRules) => {
  const kinds = streamKinds(rules);
  return defineProjection({
    name: FACTS_PROJECTION,
    // 2: 超期 as the hotline counts it (replied after the due time that stands, or open and recorded
    // overdue for it; in the due day's month), verdicts judged again at a recount of the deadlines; an
    // advisor entry's hours unrounded. 3: indexes by organisation, so a district's drill-down reads its
    // own facts, not the city's. 4: indexes by the position a version was recorded and superseded at, so
    // the tallies as things stand are carried forward by the changes since the last count (count.ts).
    // (report_tallies came without a new version: it holds no facts, only counts made of them, and is
    // added to a generation made before it in place: kept-tallies.ts.)
    version: 4,
    streamCategories: [...reportStreamCategories],
    tables: ['report_facts', 'report_streams', 'report_tallies'],

    async migrate(trx, tables) {
      const facts = sql.table(tables.report_facts);
      await sql`CREATE TABLE ${facts} (
        fact_id text NOT NULL,
        version integer NOT NULL,
        kind text NOT NULL,
        org_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        case_kind text NOT NULL,
        case_id text NOT NULL,
        value double precision NOT NULL,
        dims jsonb NOT NULL,
        present boolean NOT NULL,
        stream_name text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        recorded_at timestamptz NOT NULL,
        commit_pos bigint NOT NULL,
        prepare_pos bigint NOT NULL,
        superseded_commit bigint,
        superseded_prepare bigint,
        superseded_at timestamptz,
        PRIMARY KEY (fact_id, version))`.execute(trx);
      // The figures as they stand now read the current versions; closed periods read every version.
      await sql`CREATE INDEX ON ${facts} (kind, occurred_at) INCLUDE (org_id, value) WHERE superseded_commit IS NULL AND present`.execute(trx);
      await sql`CREATE INDEX ON ${facts} (kind, occurred_at)`.execute(trx);
      // A district's list (its organisations' facts of a kind in a period), current or as of a close.
      await sql`CREATE INDEX ON ${facts} (kind, org_id, occurred_at) INCLUDE (value) WHERE superseded_commit IS NULL AND present`.execute(trx);
      await sql`CREATE INDEX ON ${facts} (kind, org_id, occurred_at)`.execute(trx);
      // What changed since a position: the versions recorded after it, and those superseded after it.
      await sql`CREATE INDEX ON ${facts} (commit_pos, prepare_pos)`.execute(trx);
      await sql`CREATE INDEX ON ${facts} (superseded_commit, superseded_prepare) WHERE superseded_commit IS NOT NULL`.execute(trx);
      await sql`CREATE TABLE ${sql.table(tables.report_streams)} (
        stream_name text PRIMARY KEY,
        summary jsonb,
        facts jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
      await createTalliesTable(trx, tables.report_tallies);
    },

    async handle(trx, events, tables) {
      const names = [...new Set(events.map((e) => e.streamName))];
      const streams = new Map<string, StreamRow>();
      const stored = await sql<{ stream_name: string; summary: unknown; facts: Known }>`
        SELECT stream_name, summary, facts FROM ${sql.table(tables.report_streams)} WHERE stream_name = ANY(${names}::text[])`.execute(trx);
      for (const row of stored.rows) streams.set(row.stream_name, { summary: row.summary, facts: row.facts });

      const inserted = new Map<string, VersionRow>();
      const closed: { factId: string; version: number; by: RecordedEvent }[] = [];
      for (const event of events) {
        const kind = kindOfStream(kinds, event.streamName);
        if (!kind) continue;
        const row = streams.get(event.streamName) ?? { summary: null, facts: {} };
        const summary = kind.evolve(row.summary, event);
        const now = new Map(kind.facts(summary, event.streamName).map((f) => [f.factId, f]));
        const known: Known = { ...row.facts };
        const change = (fact: Fact, present: boolean) => {
          const before = known[fact.factId];
          const version = (before?.version ?? 0) + 1;
          if (before) {
            const pending = inserted.get(`${fact.factId}#${before.version}`);
            if (pending) pending.superseded = event;
            else closed.push({ factId: fact.factId, version: before.version, by: event });
          }
          inserted.set(`${fact.factId}#${version}`, { fact, version, present, streamName: event.streamName, event, superseded: null });
          known[fact.factId] = { version, present, fact };
        };
        for (const fact of now.values()) {
          const before = known[fact.factId];
          if (!before || !before.present || !sameFact(before.fact, fact)) change(fact, true);
        }
        for (const [factId, before] of Object.entries(row.facts)) {
          if (before.present && !now.has(factId)) change(before.fact, false);
        }
        streams.set(event.streamName, { summary, facts: known });
      }
      await writeVersions(trx, tables, [...inserted.values()], closed);
      if (streams.size === 0) return;
      await trx
        .insertInto(tables.report_streams)
        .values([...streams].map(([stream_name, row]) => ({ stream_name, summary: JSON.stringify(row.summary), facts: JSON.stringify(row.facts) })))
        .onConflict((c) => c.column('stream_name').doUpdateSet((eb) => ({ summary: eb.ref('excluded.summary'), facts: eb.ref('excluded.facts'), updated_at: sql`now()` })))
        .execute();
    },
  });
};

async function writeVersions(trx: ReadModelTransaction, tables: Tables, rows: readonly VersionRow[], closed: readonly { factId: string; version: number; by: RecordedEvent }[]) {
  if (closed.length > 0) {
    await sql`UPDATE ${sql.table(tables.report_facts)} f
      SET superseded_commit = c.commit_pos, superseded_prepare = c.prepare_pos, superseded_at = c.at
      FROM unnest(${closed.map((c) => c.factId)}::text[], ${closed.map((c) => c.version)}::int[], ${closed.map((c) => String(c.by.position.commit))}::bigint[],
                  ${closed.map((c) => String(c.by.position.prepare))}::bigint[], ${closed.map((c) => c.by.recordedAt.toISOString())}::timestamptz[])
        AS c(fact_id, version, commit_pos, prepare_pos, at)
      WHERE f.fact_id = c.fact_id AND f.version = c.version`.execute(trx);
  }
  // Large batches go in slices: PostgreSQL takes at most 65,535 parameters per statement.
  for (let i = 0; i < rows.length; i += 2_000) {
    await trx
      .insertInto(tables.report_facts)
      .values(rows.slice(i, i + 2_000).map((r) => ({
        fact_id: r.fact.factId,
        version: r.version,
        kind: r.fact.kind,
        org_id: r.fact.orgId,
        occurred_at: r.fact.occurredAt,
        case_kind: r.fact.caseKind,
        case_id: r.fact.caseId,
        value: r.fact.value,
        dims: JSON.stringify(r.fact.dims),
        present: r.present,
        stream_name: r.streamName,
        event_id: r.event.id,
        event_type: r.event.type,
        recorded_at: r.event.recordedAt,
        commit_pos: String(r.event.position.commit),
        prepare_pos: String(r.event.position.prepare),
        superseded_commit: r.superseded ? String(r.superseded.position.commit) : null,
        superseded_prepare: r.superseded ? String(r.superseded.position.prepare) : null,
        superseded_at: r.superseded ? r.superseded.recordedAt : null,
      })))
      .execute();
  }
}
