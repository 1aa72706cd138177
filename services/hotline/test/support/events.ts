// The work-order event registry as the tests' deployment reads it: every platform's orders belong to the
// demo city's 花都 centre (the organisation the tests' tokens name).
import { workOrderEventsFor } from '../../src/events/work-order-events.js';

export const TEST_CENTRE = 'huadu-plsc';
export const testOwnership = { centreOf: (_platformId: string) => TEST_CENTRE };
export const testWorkOrderEvents = workOrderEventsFor(testOwnership);
