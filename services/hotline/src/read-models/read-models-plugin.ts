// The hotline read models as a resource: the projection engine running the hotline projections in this
// process (as standby when another instance holds a projection's lock), its checkpoint watcher for
// read-your-writes, and a typed Kysely for the queries. Stops before the pool and the store close.
import { createProjectionEngine, type EngineOptions, type Projection, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { HotlineReadDatabase } from './tables.js';
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import { workOrdersProjectionOf } from './work-orders-projection.js';

/** Every projection of the service (the outbox and the timers run their own). */
export const hotlineProjectionsOf = (events: WorkOrderEventRegistry): readonly Projection[] => [workOrdersProjectionOf(events)];

declare module 'fastify' {
  interface FastifyInstance {
    readModels: {
      readonly engine: ProjectionEngine;
      readonly projections: readonly Projection[];
      readonly db: Kysely<HotlineReadDatabase>;
    };
  }
}

/** Timings of the engine (tests shorten them); see EngineOptions. */
export type ReadModelsTimings = Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs' | 'parkedPollMs' | 'retry'>>;
export type ReadModelsPluginOptions = ReadModelsTimings & { readonly events: WorkOrderEventRegistry };

async function readModels(app: FastifyInstance, { events, ...timings }: ReadModelsPluginOptions) {
  const projections = hotlineProjectionsOf(events);
  const engine = createProjectionEngine({ ...timings, store: app.eventStore, pool: app.pg, projections, logger: app.log });
  app.decorate('readModels', { engine, projections, db: app.db.withTables<HotlineReadDatabase>() });
  // Started once the whole app has registered, so a failed start leaves no runner behind.
  app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => engine.stop());
}

export const readModelsPlugin = fp(readModels, {
  name: 'hotline-read-models',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store'],
});
