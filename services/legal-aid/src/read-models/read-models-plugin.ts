// The legal-aid read models as a resource: the projection engine running the files projection in this
// process, its checkpoint watcher for read-your-writes, and a typed Kysely for the queries.
import { createProjectionEngine, type EngineOptions, type Projection, type ProjectionEngine } from '@bureau/projections';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { filesProjectionOf } from './files-projection.js';
import type { LegalAidReadDatabase } from './tables.js';

declare module 'fastify' {
  interface FastifyInstance {
    legalAidReadModels: {
      readonly engine: ProjectionEngine;
      readonly db: Kysely<LegalAidReadDatabase>;
      /** The files projection itself: a closed period's statistics replay it up to the close. */
      readonly filesProjection: Projection;
    };
  }
}

export type ReadModelsTimings = Partial<Pick<EngineOptions, 'batchSize' | 'maxBatchWaitMs' | 'busyLingerMs' | 'idleAdvanceMs' | 'standbyPollMs' | 'parkedPollMs' | 'retry'>>;

async function readModels(app: FastifyInstance, { hashKey, ...timings }: ReadModelsTimings & { readonly hashKey: string }) {
  const filesProjection = filesProjectionOf(hashKey, () => app.legalAidCalendarBook.calendarFor());
  const engine = createProjectionEngine({ ...timings, store: app.eventStore, pool: app.pg, projections: [filesProjection], logger: app.log });
  app.decorate('legalAidReadModels', { engine, db: app.db.withTables<LegalAidReadDatabase>(), filesProjection });
  app.addHook('onReady', async () => engine.start());
  app.addHook('onClose', async () => engine.stop());
}

export const readModelsPlugin = fp(readModels, { name: 'legal-aid-read-models', fastify: '5.x', dependencies: ['bureau-pg-pool', 'bureau-event-store', 'legal-aid-calendar'] });
