// The deadline timers in their real surroundings: the kit's app with the event store, the calendar and
// the timers plugin on a fresh PostgreSQL database, driven by a clock the test moves.
import { testWorkOrderEvents } from '../support/events.js';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { buildApp, eventStorePlugin, pgPoolPlugin, type App } from '@bureau/service-kit';
import { captureLogs, type LogCapture } from '@bureau/service-kit/testing';
import { hotlineCalendarPlugin } from '../../src/calendar/calendar-plugin.js';
import { eventually } from '../outbox/support.js';
import { deadlineTimersPlugin, timersOf, type DeadlineTimersPluginOptions } from '../../src/timers/index.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** A clock that stands still until the test moves it. */
export function fakeClock(start: Date) {
  let now = start;
  return {
    now: () => now,
    set(at: Date): void {
      now = at;
    },
  };
}

export async function startTimersApp(t: Teardown, databaseUrl: string, options: Omit<DeadlineTimersPluginOptions, 'events'>): Promise<{ app: App; logs: LogCapture }> {
  const logs = captureLogs();
  const app = await buildApp({ name: 'hotline-timers-test', logLevel: 'info', logStream: logs.stream });
  await app.register(pgPoolPlugin, { connectionString: databaseUrl });
  await app.register(eventStorePlugin, { create: () => createPostgresEventStore({ connectionString: databaseUrl }) });
  await app.register(hotlineCalendarPlugin, { limits: {} });
  await app.register(deadlineTimersPlugin, { maxSleepMs: 200, events: testWorkOrderEvents, ...options });
  await app.ready();
  t.teardown(() => app.close());
  // The projection creates its table when a runner (this one, or another instance's) first holds its lock.
  await eventually(() => timersOf(app.deadlineTimers.db, '').then(() => true, () => false), 10_000, 'the timers table');
  return { app, logs };
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
