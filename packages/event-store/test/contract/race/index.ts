// The race harness: every concurrency case of the contract, run by an arrangement of writers (one
// store, or several in other processes) on one database. An adapter's test file calls raceCases once
// per arrangement. `outOfOrderEvents` sizes the out-of-order race (fewer where writers are processes).
import type { TapTest } from '../support.js';
import type { MakeRaceArrangement, RaceArrangement } from './arrangement.js';
import { expectedRevisionRaces } from './expected-revision.js';
import { idempotencyRaces } from './idempotency.js';
import { outOfOrderRace } from './out-of-order.js';

export type { MakeRaceArrangement, RaceArrangement, RaceAppend, RaceOutcome, OutOfOrderLoad } from './arrangement.js';

export function raceCases(t: TapTest, makeArrangement: MakeRaceArrangement, options: { readonly outOfOrderEvents: number }): void {
  // One arrangement for all cases (starting four processes costs seconds); each case has streams of its own.
  let shared: Promise<RaceArrangement> | undefined;
  const once: MakeRaceArrangement = () => (shared ??= makeArrangement());
  t.teardown(async () => {
    if (shared !== undefined) await (await shared).close();
  });
  expectedRevisionRaces(t, once);
  idempotencyRaces(t, once);
  outOfOrderRace(t, once, options.outOfOrderEvents);
}
