// What the routes are given (instead of reading configuration or the clock themselves).
import type { PlatformSettings } from '../config.js';

export interface HotlineRouteOptions {
  readonly platforms: readonly PlatformSettings[];
  /** The service's clock; tests pass their own. */
  readonly clock: () => Date;
  /** Longest a query waits for its read model to reach ?after=<position>. */
  readonly readYourWritesWaitMs: number;
}
