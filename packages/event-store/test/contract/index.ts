// The event store contract suite: one set of cases that every adapter must pass. An adapter's test
// file builds a ContractSubject and calls runEventStoreContract; each case is its own subtest and
// works in streams of its own category, so cases never read each other's events.
import { expectedRevisionCases } from './cases/expected-revision.js';
import { globalOrderCases } from './cases/global-order.js';
import { hashChainCases } from './cases/hash-chain.js';
import { idempotencyCases } from './cases/idempotency.js';
import { invalidInputCases } from './cases/invalid-input.js';
import { readStreamCases } from './cases/read-stream.js';
import { subscriptionCases } from './cases/subscriptions.js';
import type { ContractSubject } from './subject.js';
import type { TapTest } from './support.js';

export type { ContractSubject } from './subject.js';
export type { TapTest } from './support.js';

export function runEventStoreContract(t: TapTest, adapterName: string, makeSubject: () => Promise<ContractSubject>): void {
  t.test(`event store contract: ${adapterName}`, async (t) => {
    readStreamCases(t, makeSubject);
    expectedRevisionCases(t, makeSubject);
    idempotencyCases(t, makeSubject);
    invalidInputCases(t, makeSubject);
    hashChainCases(t, makeSubject);
    globalOrderCases(t, makeSubject);
    subscriptionCases(t, makeSubject);
  });
}
