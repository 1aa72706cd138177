// 时限重算 (the hotline's mechanism, services/hotline/src/calendar/provisional-deadlines.ts, its scheduling
// shared through @bureau/calendar-book's recountPasses): when an
// official calendar year is loaded (here, by another instance, or found at start), every file whose
// running limits were counted provisionally is counted again (RecomputeDeadlines, recorded as
// DeadlinesRecomputed; the timers move with it). Each recount's command id is derived from the calendar
// version and the file, so instances doing the same pass at once record it once. Meanwhile /readyz
// carries a warning (the service stays ready).
import { recountPasses } from '@bureau/calendar-book';
import { uuidV5 } from '@bureau/service-kit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { runLegalAidCommand, type LegalAidCommandDeps } from '../commands/run-legal-aid-command.js';
import { FILES_PROJECTION } from '../read-models/files-projection.js';
import { filesWithProvisionalDeadlines, provisionalSummary, provisionalWarning } from '../read-models/provisional.js';

/** The namespace of recount command ids (never change it: ids already recorded are derived from it). */
const RECOUNT_NAMESPACE = '4b0f3c5e-6a1d-4f7e-9c2b-8d3a5e7f1c90';
/** The calendar's own actor in the envelope of a recount. */
const CALENDAR_ACTOR = { id: 'working-day-calendar', role: 'system' } as const;

export interface ProvisionalDeadlinesOptions {
  readonly clock: () => Date;
  readonly deps: LegalAidCommandDeps & { readonly cityId: string };
  /** Longest wait for the read model to show every file before a pass (default 30 s). */
  readonly catchUpMs?: number;
}

async function provisionalDeadlines(app: FastifyInstance, options: ProvisionalDeadlinesOptions) {
  const { deps } = options;

  async function pass(): Promise<void> {
    // Files recorded just before the year was loaded must be in the read model to be found.
    const head = await app.eventStore.lastCommittedPosition();
    if (head) await app.legalAidReadModels.engine.waitForPosition(FILES_PROJECTION, head, options.catchUpMs ?? 30_000);
    const version = app.legalAidCalendarBook.calendarFor().version;
    let recounted = 0;
    for (const caseId of await filesWithProvisionalDeadlines(app.legalAidReadModels.db)) {
      const now = options.clock();
      // The recount uses each limit's own unit and amount: only the calendar matters, so the city's rules serve.
      const result = await runLegalAidCommand(deps, {
        caseId,
        command: { type: 'RecomputeDeadlines', data: {} },
        now,
        organisation: { id: deps.cityId, kind: 'city' },
        context: { commandId: uuidV5(`${version}:${caseId}`, RECOUNT_NAMESPACE), actor: { ...CALENDAR_ACTOR, organisation: deps.cityId }, occurredAt: now },
      });
      if (!result.alreadyApplied && result.events.length > 0) recounted += 1;
    }
    if (recounted > 0) app.log.info({ calendarVersion: version, recounted }, 'provisional limits counted again on the calendar now in force');
  }

  // One pass at a time; a change during a pass asks for one more (@bureau/calendar-book, as the hotline's).
  const passes = recountPasses({
    onChange: (listener) => app.legalAidCalendarBook.onChange(listener),
    pass,
    onError: (err) => app.log.warn({ err }, 'recounting provisional limits failed; the next calendar change or start retries'),
  });
  app.decorate('legalAidProvisionalDeadlines', { recountNow: () => passes.recountNow() });
  app.readiness.warn('calendar', async () => provisionalWarning(await provisionalSummary(app.legalAidReadModels.db)));
  app.addHook('onReady', async () => passes.schedule());
  app.addHook('onClose', async () => passes.stop());
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Recount now and wait for it (tests; the service recounts by itself on every calendar change). */
    legalAidProvisionalDeadlines: { recountNow(): Promise<void> };
  }
}

export const provisionalDeadlinesPlugin = fp(provisionalDeadlines, {
  name: 'legal-aid-provisional-deadlines',
  fastify: '5.x',
  dependencies: ['bureau-event-store', 'legal-aid-calendar', 'legal-aid-read-models', 'bureau-health'],
});
