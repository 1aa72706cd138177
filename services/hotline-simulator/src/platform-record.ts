// What the platform remembers: the orders it dispatched, and every call from the centre it accepted,
// in arrival order, with the answer given to each idempotency key (so a retry gets the same answer).
import type { OutboundAction } from '@bureau/hotline-protocol/messages';
import type { RecordSnapshot, RecordStore } from './durable-record.js';

export interface KnownOrder {
  readonly orderNo: string;
  readonly dispatchedAt: string;
  readonly messageId: string;
}

export interface ReceivedCall {
  /** 1-based arrival order of accepted calls. */
  readonly seq: number;
  readonly action: OutboundAction;
  readonly orderNo: string;
  readonly idempotencyKey: string;
  readonly body: Readonly<Record<string, unknown>>;
  readonly receivedAt: string;
}

/** Every call that reached the API, whatever the answer: shows the centre's retries. */
export interface CallAttempt {
  readonly action: OutboundAction;
  readonly orderNo: string;
  readonly idempotencyKey: string | undefined;
  readonly status: number;
  readonly at: string;
}

export interface Receipt {
  readonly receiptId: string;
  readonly orderNo: string;
  readonly action: OutboundAction;
  readonly acceptedAt: string;
}

interface StoredAnswer {
  /** action + order + body, to spot one key reused for a different call. */
  readonly fingerprint: string;
  readonly receipt: Receipt;
}

export type Acceptance =
  | { readonly kind: 'applied'; readonly receipt: Receipt; readonly call: ReceivedCall }
  | { readonly kind: 'replayed'; readonly receipt: Receipt }
  | { readonly kind: 'key-reused' };

export interface ReceivedFilter {
  readonly orderNo?: string;
  readonly action?: OutboundAction;
}

/**
 * The record in memory, written through to `store` when there is one (durable-record.ts); `loaded` is
 * what the store held at start. Decisions are taken in memory, synchronously, so two calls with one key
 * arriving together still get one answer; the write finishes before the caller answers.
 */
export function createPlatformRecord(store?: RecordStore, loaded?: RecordSnapshot) {
  const orders = new Map<string, KnownOrder>();
  const answers = new Map<string, StoredAnswer>();
  const calls: ReceivedCall[] = [];
  const attempts: CallAttempt[] = [];
  for (const order of loaded?.orders ?? []) orders.set(order.orderNo, order);
  for (const answer of loaded?.answers ?? []) {
    answers.set(answer.key, { fingerprint: answer.fingerprint, receipt: answer.receipt });
    calls.push(answer.call);
  }

  return {
    async rememberOrder(order: KnownOrder): Promise<void> {
      if (orders.has(order.orderNo)) return;
      orders.set(order.orderNo, order);
      await store?.saveOrder(order);
    },
    knows: (orderNo: string): boolean => orders.has(orderNo),
    orders: (): KnownOrder[] => [...orders.values()],

    /** Applies a call once per idempotency key; a repeat gets the first answer back. */
    async accept(key: string, action: OutboundAction, orderNo: string, body: Record<string, unknown>, at: Date): Promise<Acceptance> {
      const fingerprint = JSON.stringify([action, orderNo, body]);
      const seen = answers.get(key);
      if (seen) return seen.fingerprint === fingerprint ? { kind: 'replayed', receipt: seen.receipt } : { kind: 'key-reused' };
      const seq = calls.length + 1;
      const receipt: Receipt = { receiptId: `R${String(seq).padStart(8, '0')}`, orderNo, action, acceptedAt: at.toISOString() };
      const call: ReceivedCall = { seq, action, orderNo, idempotencyKey: key, body, receivedAt: at.toISOString() };
      answers.set(key, { fingerprint, receipt });
      calls.push(call);
      await store?.saveAnswer({ key, fingerprint, receipt, call });
      return { kind: 'applied', receipt, call };
    },
    received: (filter: ReceivedFilter = {}): ReceivedCall[] =>
      calls.filter((c) => (filter.orderNo === undefined || c.orderNo === filter.orderNo) && (filter.action === undefined || c.action === filter.action)),

    noteAttempt(attempt: CallAttempt): void {
      attempts.push(attempt);
    },
    attempts: (): CallAttempt[] => [...attempts],
  };
}

export type PlatformRecord = ReturnType<typeof createPlatformRecord>;
