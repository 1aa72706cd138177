// Maps the store's $all filter onto EventStoreDB's server-side subscription filter, plus the exact
// check the server's prefix match cannot make on its own (and that $all reads, which client 6.x
// sends unfiltered, rely on entirely).
import { eventTypeFilter, excludeSystemEvents, streamNameFilter, type Filter } from '@eventstore/db-client';
import { InvalidEventStoreInputError } from '../errors.js';
import { streamCategory } from '../position.js';
import type { AllFilter } from '../types.js';
import { isSystemEvent } from './recorded-event.js';

export interface FilterPlan {
  /** What the server filters a subscription on (narrows traffic; never the last word). */
  readonly server: Filter;
  /** The exact rule, applied to every event the server sends. */
  accepts(streamName: string, type: string): boolean;
}

const FILTER_RULE = 'must list at least one stream category or event type prefix';

function validList(list: unknown): readonly string[] {
  if (!Array.isArray(list) || list.length === 0) throw new InvalidEventStoreInputError('filter', FILTER_RULE);
  const strings: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') throw new InvalidEventStoreInputError('filter', FILTER_RULE);
    strings.push(item);
  }
  return strings;
}

/**
 * Category = the part of a stream name before its first `-`, so category `workOrder` covers
 * `workOrder-…` and the bare stream `workOrder`. The server gets the category itself as a stream
 * name prefix (which also catches `workOrderX-…`); the exact category comparison happens here.
 * Event-type prefixes map one to one. Unfiltered subscriptions ask the server to leave out system events.
 */
export function planFilter(filter: AllFilter | undefined): FilterPlan {
  if (filter === undefined) {
    return { server: excludeSystemEvents(), accepts: (streamName, type) => !isSystemEvent(streamName, type) };
  }
  if (typeof filter !== 'object' || filter === null) {
    throw new InvalidEventStoreInputError('filter', FILTER_RULE);
  }
  if ('streamCategories' in filter) {
    const categories = validList(filter.streamCategories);
    const wanted = new Set(categories);
    return {
      server: streamNameFilter({ prefixes: [...wanted] }),
      accepts: (streamName, type) => !isSystemEvent(streamName, type) && wanted.has(streamCategory(streamName)),
    };
  }
  if ('eventTypePrefixes' in filter) {
    const prefixes = validList(filter.eventTypePrefixes);
    return {
      server: eventTypeFilter({ prefixes: [...prefixes] }),
      accepts: (streamName, type) => !isSystemEvent(streamName, type) && prefixes.some((p) => type.startsWith(p)),
    };
  }
  throw new InvalidEventStoreInputError('filter', FILTER_RULE);
}
