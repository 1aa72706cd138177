import type { AppendResult, EventStore, EventToAppend } from '../../src/index.js';

/** What the contract suite needs from an adapter under test. */
export interface ContractSubject {
  store: EventStore;
  /** Appends while holding the write's transaction open `holdMs` before commit (PostgreSQL); adapters without client transactions just delay then append. */
  appendHeldOpen(streamName: string, events: EventToAppend[], holdMs: number): Promise<AppendResult>;
  /** Changes one stored event's data behind the store's back; undefined where impossible. */
  tamper?(streamName: string, revision: bigint): Promise<void>;
  /** Two identical appends racing: exactly one says written: true (PostgreSQL); EventStoreDB may let both say so. */
  readonly concurrentRetryWritesOnce?: boolean;
  close(): Promise<void>;
}

export type MakeSubject = () => Promise<ContractSubject>;
