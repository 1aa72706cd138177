import type { Migration } from 'kysely';
import * as createEventStore from './20251129T000000_create_event_store.js';
import * as eventsJson from './20261130T000000_events_json.js';
import * as appendBatch from './20261130T010000_append_batch.js';
import * as appendGuards from './20261130T020000_append_guards.js';
import * as appendBatchNewStreams from './20261130T030000_append_batch_new_streams.js';
import * as appendJsonArrays from './20261207T000000_append_json_arrays.js';
import * as appendBatchAllOrNothing from './20261208T000000_append_batch_all_or_nothing.js';

/** Every migration of the event store, by timestamped name; the Migrator applies them in name order. */
export const eventStoreMigrations: Record<string, Migration> = {
  '20251129T000000_create_event_store': createEventStore,
  '20261130T000000_events_json': eventsJson,
  '20261130T010000_append_batch': appendBatch,
  '20261130T020000_append_guards': appendGuards,
  '20261130T030000_append_batch_new_streams': appendBatchNewStreams,
  '20261207T000000_append_json_arrays': appendJsonArrays,
  '20261208T000000_append_batch_all_or_nothing': appendBatchAllOrNothing,
};
