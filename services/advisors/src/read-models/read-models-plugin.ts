// The advisors' read models as a resource: the projection engine running the ledger projection (as
// standby when another instance holds its lock), and a typed Kysely for the queries.
import { createProjectionEngine, type EngineOptions, type Projection, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { ledgerMonthsProjection } from './ledger-months-projection.js';
import type { AdvisorsReadDatabase } from './tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    advisorsReadModels: {
      readonly engine: ProjectionEngine;
      /** What the engine runs: GET /projections reports their status and lag. */
      readonly projections: readonly Projection[];
      readonly db: Kysely<AdvisorsReadDatabase>;
    };
  }
}

export type ReadModelsTimings = Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs' | 'parkedPollMs' | 'retry'>>;

export type ReadModelsOptions = ReadModelsTimings & {
  /** False: the engine is not started here (another process keeps the read model); queries still read it. */
  readonly run?: boolean;
};

async function readModels(app: FastifyInstance, { run = true, ...timings }: ReadModelsOptions) {
  const projections = [ledgerMonthsProjection];
  const engine = createProjectionEngine({ ...timings, store: app.eventStore, pool: app.pg, projections, logger: app.log });
  app.decorate('advisorsReadModels', { engine, projections, db: app.db.withTables<AdvisorsReadDatabase>() });
  if (run) app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => engine.stop());
}

export const readModelsPlugin = fp(readModels, { name: 'advisors-read-models', fastify: '5.x', dependencies: ['bureau-pg-pool', 'bureau-event-store'] });
