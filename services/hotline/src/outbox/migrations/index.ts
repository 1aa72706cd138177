// The outbox's migrations, in order. Names are timestamps; never rename or edit one that has run.
import type { Migration } from 'kysely';
import * as createOutbox from './20251201T000000_create_outbox.js';

export const outboxMigrations: Record<string, Migration> = {
  '20251201T000000_create_outbox': createOutbox,
};
