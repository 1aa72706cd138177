// The walk-in consultations' read model (来访咨询): one row per visit, voided ones kept and marked, with
// the Beijing-time month of the visit for the month's list and counts. Its own projection engine, so the
// files' projection is untouched; rebuilt blue/green when `version` changes.
import { createProjectionEngine, defineProjection, type Projection, type ProjectionEngine } from '@bureau/projections';
import { readPage, type Page, type PageRequest, type SortKey } from '@bureau/service-kit/paging';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql, type ColumnType, type Kysely, type Selectable } from 'kysely';
import { walkInEvents, walkInStreamCategory, type WalkInAnswer, type WalkInTopic } from '../walk-ins/index.js';
import type { ReadModelsTimings } from './read-models-plugin.js';

export const WALK_INS_PROJECTION = 'legal_aid_walk_ins';

export interface WalkInTable {
  consultation_id: string;
  place_id: string;
  district_id: string;
  occurred_at: ColumnType<Date, Date | string, Date | string>;
  /** 'YYYY-MM' of occurred_at in Asia/Shanghai. */
  month: string;
  persons: number;
  topic: WalkInTopic;
  answer: WalkInAnswer;
  referred_to: string | null;
  note: string | null;
  voided: boolean;
  void_reason: string | null;
  recorded_at: ColumnType<Date, Date | string, Date | string>;
}
export type WalkInDatabase = { walk_in_consultations: WalkInTable };
export type WalkInRow = Selectable<WalkInTable>;

/** The Beijing-time month of an instant, 'YYYY-MM'. */
export function beijingMonth(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

export const walkInsProjection = defineProjection({
  name: WALK_INS_PROJECTION,
  version: 1,
  streamCategories: [walkInStreamCategory],
  tables: ['walk_in_consultations'],
  async migrate(trx, tables) {
    const t = sql.table(tables.walk_in_consultations);
    await sql`CREATE TABLE ${t} (
      consultation_id text PRIMARY KEY,
      place_id text NOT NULL,
      district_id text NOT NULL,
      occurred_at timestamptz NOT NULL,
      month text NOT NULL,
      persons integer NOT NULL,
      topic text NOT NULL,
      answer text NOT NULL,
      referred_to text,
      note text,
      voided boolean NOT NULL,
      void_reason text,
      recorded_at timestamptz NOT NULL)`.execute(trx);
    await sql`CREATE INDEX ON ${t} (month, place_id)`.execute(trx);
    await sql`CREATE INDEX ON ${t} (district_id, occurred_at)`.execute(trx);
  },
  async handle(trx, events, tables) {
    for (const recorded of events) {
      const event = walkInEvents.fromRecorded(recorded);
      if (event.type === 'WalkInConsultationRecorded') {
        const v = event.data;
        await trx.insertInto(tables.walk_in_consultations).values({
          consultation_id: v.consultationId, place_id: v.placeId, district_id: v.districtId, occurred_at: v.occurredAt, month: beijingMonth(v.occurredAt),
          persons: v.persons, topic: v.topic, answer: v.answer, referred_to: v.referredTo ?? null, note: v.note ?? null, voided: false, void_reason: null,
          recorded_at: recorded.recordedAt,
        }).onConflict((c) => c.column('consultation_id').doNothing()).execute();
      } else {
        await trx.updateTable(tables.walk_in_consultations).set({ voided: true, void_reason: event.data.reason })
          .where('consultation_id', '=', event.data.consultationId).execute();
      }
    }
  },
});

export interface WalkInListFilter {
  /** Organisations in reach; null = the whole city. */
  readonly reach: readonly string[] | null;
  readonly month?: string | undefined;
  readonly placeId?: string | undefined;
  readonly topic?: WalkInTopic | undefined;
  readonly includeVoided: boolean;
}

function walkInsMatching(db: Kysely<WalkInDatabase>, q: WalkInListFilter) {
  let base = db.selectFrom('walk_in_consultations');
  if (q.reach !== null) base = base.where('place_id', 'in', [...q.reach]);
  if (q.month !== undefined) base = base.where('month', '=', q.month);
  if (q.placeId !== undefined) base = base.where('place_id', '=', q.placeId);
  if (q.topic !== undefined) base = base.where('topic', '=', q.topic);
  if (!q.includeVoided) base = base.where('voided', '=', false);
  return base;
}

/** A page of visits by time of visit (ties on the consultation id), by the kit's keyset paging. */
export async function listWalkIns(db: Kysely<WalkInDatabase>, q: WalkInListFilter, direction: 'asc' | 'desc', page: PageRequest): Promise<{ total: number; page: Page<WalkInRow> }> {
  if (q.reach !== null && q.reach.length === 0) return { total: 0, page: { rows: [], nextCursor: null, previousCursor: null } };
  const keys: SortKey[] = [
    { value: sql`occurred_at`, type: 'timestamptz', direction },
    { value: sql`consultation_id`, type: 'text', direction },
  ];
  const [count, rows] = await Promise.all([
    walkInsMatching(db, q).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    readPage(walkInsMatching(db, q).selectAll(), keys, page),
  ]);
  return { total: Number(count.n), page: rows };
}

export interface PlaceCounts {
  placeId: string;
  districtId: string;
  visits: number;
  /** 人次. */
  persons: number;
  byTopic: Partial<Record<WalkInTopic, number>>;
  byAnswer: Partial<Record<WalkInAnswer, number>>;
}

/** A month's persons (人次) by topic and by answer, per place within reach; voided visits not counted. */
export async function monthCounts(db: Kysely<WalkInDatabase>, month: string, reach: readonly string[] | null): Promise<PlaceCounts[]> {
  if (reach !== null && reach.length === 0) return [];
  let q = db.selectFrom('walk_in_consultations')
    .select(['place_id', 'district_id', 'topic', 'answer'])
    .select((eb) => [eb.fn.countAll<string>().as('visits'), eb.fn.sum<string>('persons').as('persons')])
    .where('month', '=', month).where('voided', '=', false)
    .groupBy(['place_id', 'district_id', 'topic', 'answer']);
  if (reach !== null) q = q.where('place_id', 'in', [...reach]);
  const places = new Map<string, PlaceCounts>();
  for (const row of await q.execute()) {
    const place = places.get(row.place_id) ?? { placeId: row.place_id, districtId: row.district_id, visits: 0, persons: 0, byTopic: {}, byAnswer: {} };
    const persons = Number(row.persons);
    place.visits += Number(row.visits);
    place.persons += persons;
    place.byTopic[row.topic] = (place.byTopic[row.topic] ?? 0) + persons;
    place.byAnswer[row.answer] = (place.byAnswer[row.answer] ?? 0) + persons;
    places.set(row.place_id, place);
  }
  return [...places.values()].sort((a, b) => a.placeId.localeCompare(b.placeId));
}

declare module 'fastify' {
  interface FastifyInstance {
    legalAidWalkIns: { readonly engine: ProjectionEngine; readonly projections: readonly Projection[]; readonly db: Kysely<WalkInDatabase> };
  }
}

async function walkInsReadModel(app: FastifyInstance, timings: ReadModelsTimings) {
  const engine = createProjectionEngine({ ...timings, store: app.eventStore, pool: app.pg, projections: [walkInsProjection], logger: app.log });
  app.decorate('legalAidWalkIns', { engine, projections: [walkInsProjection], db: app.db.withTables<WalkInDatabase>() });
  app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => engine.stop());
}

export const walkInsReadModelPlugin = fp(walkInsReadModel, { name: 'legal-aid-walk-ins-read-model', fastify: '5.x', dependencies: ['bureau-pg-pool', 'bureau-event-store'] });
