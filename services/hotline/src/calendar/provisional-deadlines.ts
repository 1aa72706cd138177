// 时限重算: when an official calendar year is loaded (here, by another instance, or found at start), every
// order whose deadlines were counted provisionally is counted again (RecomputeDeadlines, recorded as
// DeadlinesRecomputed). Each recount has a command id derived from the calendar version and the order, so
// instances doing the same pass at once record it once. Meanwhile /readyz carries a warning (the service
// stays ready), and so do the worklist and /metrics (routes/worklist.ts, routes/operations.ts).
import { recountPasses } from '@bureau/calendar-book';
import { uuidV5 } from '@bureau/service-kit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runWorkOrderCommand } from '../commands/run-work-order-command.js';
import type { WorkOrderEventRegistry } from '../events/work-order-events.js';
import { ordersWithProvisionalDeadlines, provisionalSummary, provisionalWarning } from '../read-models/provisional.js';
import { WORK_ORDERS_PROJECTION } from '../read-models/work-orders-projection.js';

/** The namespace of recount command ids (never change it: ids already recorded are derived from it). */
const RECOUNT_NAMESPACE = '8d5b8a57-3b0e-4e0e-9a55-2f1d2a6c9d41';
/** The calendar's own actor in the envelope of a recount. */
const CALENDAR_ACTOR = { id: 'working-day-calendar', role: 'system' } as const;

export interface ProvisionalDeadlinesOptions {
  readonly clock: () => Date;
  readonly events: WorkOrderEventRegistry;
  /** Longest wait for the read model to show every order before a pass (default 30 s). */
  readonly catchUpMs?: number;
}

async function provisionalDeadlines(app: FastifyInstance, options: ProvisionalDeadlinesOptions) {
  const deps = { store: app.eventStore, calendar: app.hotlineCalendar, events: options.events };

  async function pass(): Promise<void> {
    // Orders recorded just before the year was loaded must be in the read model to be found.
    const head = await app.eventStore.lastCommittedPosition();
    if (head) await app.readModels.engine.waitForPosition(WORK_ORDERS_PROJECTION, head, options.catchUpMs ?? 30_000);
    const version = app.hotlineCalendar.current().calendar.version;
    let recounted = 0;
    for (const { workOrderId, owner } of await ordersWithProvisionalDeadlines(app.readModels.db)) {
      const now = options.clock();
      const result = await runWorkOrderCommand(deps, {
        workOrderId,
        command: { type: 'RecomputeDeadlines', data: {} },
        now,
        context: { commandId: uuidV5(`${version}:${workOrderId}`, RECOUNT_NAMESPACE), actor: { ...CALENDAR_ACTOR, organisation: owner }, occurredAt: now },
      });
      if (!result.alreadyApplied && result.events.length > 0) recounted += 1;
    }
    if (recounted > 0) app.log.info({ calendarVersion: version, recounted }, 'provisional deadlines counted again on the calendar now in force');
  }

  // One pass at a time; a change during a pass asks for one more (@bureau/calendar-book).
  const passes = recountPasses({
    onChange: (listener) => app.hotlineCalendar.onChange(listener),
    pass,
    onError: (err) => app.log.warn({ err }, 'recounting provisional deadlines failed; the next calendar change or start retries'),
  });
  app.decorate('provisionalDeadlines', { recountNow: () => passes.recountNow() });
  app.readiness.warn('calendar', async () => provisionalWarning(await provisionalSummary(app.readModels.db, null)));
  app.addHook('onReady', async () => passes.schedule());
  app.addHook('onClose', async () => passes.stop());
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Recount now and wait for it (tests; the service recounts by itself on every calendar change). */
    provisionalDeadlines: { recountNow(): Promise<void> };
  }
}

export const provisionalDeadlinesPlugin = fp(provisionalDeadlines, {
  name: 'hotline-provisional-deadlines',
  fastify: '5.x',
  dependencies: ['bureau-event-store', 'hotline-calendar', 'hotline-read-models', 'bureau-health'],
});
