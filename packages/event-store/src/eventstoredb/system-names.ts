// EventStoreDB reserves `$` for its own streams and event types ($all, $settings, $> links,
// $metadata …). The adapter leaves those out of every read and subscription, so it refuses to
// write a caller's event under such a name: it would be stored yet never be read back from $all.
import { InvalidEventStoreInputError } from '../errors.js';
import type { ValidEvent } from '../validate.js';

export function assertNoSystemNames(streamName: string, events: readonly ValidEvent[]): void {
  if (streamName.startsWith('$')) {
    throw new InvalidEventStoreInputError('streamName', 'must not start with $ (EventStoreDB reserves it for system streams)');
  }
  events.forEach((e, i) => {
    if (e.type.startsWith('$')) {
      throw new InvalidEventStoreInputError(`events[${i}].type`, 'must not start with $ (EventStoreDB reserves it for system events)');
    }
  });
}
