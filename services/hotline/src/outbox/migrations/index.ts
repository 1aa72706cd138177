// The outbox's migrations, in order. Names are timestamps; never rename or edit one that has run.
import type { Migration } from 'kysely';
import * as createOutbox from './20251201T000000_create_outbox.js';
import * as stalePlans from './20261206T000000_plans_that_survive_stale_statistics.js';

export const outboxMigrations: Record<string, Migration> = {
  '20251201T000000_create_outbox': createOutbox,
  '20261206T000000_plans_that_survive_stale_statistics': stalePlans,
};
