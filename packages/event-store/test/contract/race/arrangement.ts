// What the race cases need from an arrangement of writers: one store or several (in other processes),
// all on one database. `race` starts every append at once (a barrier: in other processes, each waits
// for a "go" after all have said they are ready) and reports each outcome, in the order given.
import type { EventStore, EventToAppend, ExpectedRevision, GlobalPosition } from '../../../src/index.js';

export interface RaceAppend {
  readonly stream: string;
  readonly events: ReadonlyArray<EventToAppend & { readonly id: string }>;
  readonly expected: ExpectedRevision;
  /** Which writer sends it (instance index modulo the arrangement's instances); default: spread in turn. */
  readonly writer?: number;
}

export type RaceOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly nextExpectedRevision: bigint; readonly position: GlobalPosition }
  | { readonly kind: 'wrong_expected_revision'; readonly actualRevision: bigint }
  | { readonly kind: 'error'; readonly name: string; readonly message: string };

/** The out-of-order load: writers append batches of 1-10 events to random streams of a category, some holding their transaction open. */
export interface OutOfOrderLoad {
  readonly category: string;
  readonly streams: number;
  readonly events: number;
  /** Concurrent writers per instance. */
  readonly writersPerInstance: number;
  /** Transactions held open 0..maxHoldMs before commit, for every other writer (the others go through appendToStream). */
  readonly maxHoldMs: number;
}

export interface RaceArrangement {
  readonly name: string;
  /** How many store instances write (1 in process, 4 for four processes). */
  readonly instances: number;
  /** A store of the parent's own, for reads, subscriptions and checks. */
  readonly store: EventStore;
  race(appends: readonly RaceAppend[]): Promise<RaceOutcome[]>;
  /** Runs the out-of-order load on every instance at once; returns the ids appended. */
  outOfOrder(load: OutOfOrderLoad): Promise<string[]>;
  close(): Promise<void>;
}

export type MakeRaceArrangement = () => Promise<RaceArrangement>;
