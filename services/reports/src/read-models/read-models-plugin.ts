// The report's read model as a resource: the projection engine running the facts projection (standby
// when another instance holds its lock), and a typed Kysely for the queries.
import { createProjectionEngine, generationTables, type EngineOptions, type Projection, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { FactRules } from '../facts/stream-kinds.js';
import { factsProjectionOf } from './facts-projection.js';
import { addTalliesTableInPlace } from './kept-tallies.js';
import type { ReportsReadDatabase } from './tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    reportsReadModels: {
      readonly engine: ProjectionEngine;
      /** What the engine runs: GET /projections reports their status and lag. */
      readonly projections: readonly Projection[];
      readonly db: Kysely<ReportsReadDatabase>;
      /** A generation's own table of kept tallies (physical, not the view). */
      readonly talliesTable: (generation: number) => string;
    };
  }
}

export type ReadModelsTimings = Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs' | 'parkedPollMs' | 'retry'>>;

async function readModels(app: FastifyInstance, { rules, timings }: { rules: FactRules; timings: ReadModelsTimings }) {
  const facts = factsProjectionOf(rules);
  const projections = [facts];
  const engine = createProjectionEngine({ ...timings, store: app.eventStore, pool: app.pg, projections, logger: app.log });
  const talliesTable = (generation: number) => generationTables(facts, generation).report_tallies;
  app.decorate('reportsReadModels', { engine, projections, db: app.db.withTables<ReportsReadDatabase>(), talliesTable });
  app.addHook('onReady', async () => {
    await addTalliesTableInPlace(app.db, facts);
    await engine.start();
  });
  app.addHook('onClose', async () => engine.stop());
}

export const readModelsPlugin = fp(readModels, { name: 'reports-read-models', fastify: '5.x', dependencies: ['bureau-pg-pool', 'bureau-event-store'] });
