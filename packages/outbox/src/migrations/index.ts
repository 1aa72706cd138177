// The outbox's migrations for one table, in order. Names are timestamps; never rename or edit one that
// has run. The first two ran in the hotline before the outbox became this package (same names, so a
// deployment that ran them goes on from the third).
import type { Migration } from 'kysely';
import { createOutbox } from './20251201T000000_create_outbox.js';
import { plansThatSurviveStaleStatistics } from './20261206T000000_plans_that_survive_stale_statistics.js';
import { genericOutbox } from './20261207T000000_generic_outbox.js';

export function outboxMigrations(table: string): Record<string, Migration> {
  return {
    '20251201T000000_create_outbox': createOutbox(table),
    '20261206T000000_plans_that_survive_stale_statistics': plansThatSurviveStaleStatistics(table),
    '20261207T000000_generic_outbox': genericOutbox(table),
  };
}
