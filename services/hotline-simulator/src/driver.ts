// The platform's side of the conversation, driven by a test, a benchmark or a person: builds each
// protocol message, signs it and pushes it to the centre's webhook, remembering it for redelivery.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { deliverSigned, postOnce, type CentreAnswerReport, type RetryPolicy } from './delivery.js';
import {
  inboundMessageSchema,
  type Citizen,
  type InboundData,
  type InboundMessage,
  type InboundMessageType,
  type OrderCategory,
  type UnitRole,
  type UrgeLevel,
} from '@bureau/hotline-protocol/messages';
import type { FakeOrder } from './orders.js';
import type { PlatformRecord } from './platform-record.js';
import { messageIdHeader, platformHeader, sign, signatureHeader, timestampHeader, unixSeconds } from '@bureau/hotline-protocol/signing';

export interface DispatchInput {
  readonly orderNo?: string;
  readonly category?: OrderCategory;
  readonly citizen?: Citizen;
  readonly content?: string;
  readonly role?: UnitRole;
  /** The platform's own due time (ISO instant); omitted unless given. */
  readonly dueAt?: string;
}

export interface Delivery extends CentreAnswerReport {
  readonly messageId: string;
  readonly type: InboundMessageType;
  readonly orderNo: string;
}

/** For tests of the centre's refusals: what to send, and which parts of the signing to falsify. */
export interface RawDeliveryInput {
  /** Sent as is when a string; JSON-encoded otherwise. */
  readonly body: string | object;
  /** Default: the body's own messageId, if any. null leaves the header out. */
  readonly messageId?: string | null;
  /** Unix seconds to claim; default now. */
  readonly timestamp?: number;
  /** Signs with this secret instead of the platform's. */
  readonly secret?: string;
  /** Sends this signature instead of the right one; null leaves the header out. */
  readonly signature?: string | null;
  /** Default: the simulator's platform id; null leaves the header out. */
  readonly platformId?: string | null;
  readonly url?: string;
}

export interface DriverOptions {
  readonly platformId: string;
  readonly secret: string;
  /** Read on every send: the centre's address may be set after the simulator starts. */
  readonly webhookUrl: () => string;
  readonly clock: () => Date;
  readonly retry: RetryPolicy;
  readonly record: PlatformRecord;
  readonly nextOrderNo: () => string;
  readonly fakeOrder: (category?: OrderCategory) => FakeOrder;
  readonly log: FastifyBaseLogger;
}

export function createDriver(options: DriverOptions) {
  const { platformId, secret, webhookUrl, clock, retry, record, log } = options;
  const sent = new Map<string, { message: InboundMessage; rawBody: string }>();
  const stopping = new AbortController();

  async function deliver(message: InboundMessage, rawBody: string): Promise<Delivery> {
    const answer = await deliverSigned({
      url: webhookUrl(), platformId, secret, messageId: message.messageId, rawBody, clock, policy: retry, stop: stopping.signal,
    });
    const facts = { messageId: message.messageId, type: message.type, orderNo: message.orderNo, status: answer.status, attempts: answer.attempts };
    if (answer.status !== null && answer.status < 300) log.info(facts, 'delivered a message to the centre');
    else log.warn({ ...facts, error: answer.error }, 'the centre did not accept a message');
    return { ...answer, messageId: message.messageId, type: message.type, orderNo: message.orderNo };
  }

  /** Builds a message, checks it against the protocol and remembers it for redelivery. */
  function compose<T extends InboundMessageType>(type: T, orderNo: string, data: InboundData<T>) {
    const message = inboundMessageSchema.parse({ messageId: randomUUID(), type, orderNo, occurredAt: clock().toISOString(), data });
    const rawBody = JSON.stringify(message);
    sent.set(message.messageId, { message, rawBody });
    return { message, rawBody };
  }

  function push<T extends InboundMessageType>(type: T, orderNo: string, data: InboundData<T>): Promise<Delivery> {
    const { message, rawBody } = compose(type, orderNo, data);
    return deliver(message, rawBody);
  }

  return {
    /** 派单: a new order, with realistic seeded content for whatever is not given. */
    async dispatch(input: DispatchInput = {}): Promise<Delivery> {
      const fake = options.fakeOrder(input.category);
      const orderNo = input.orderNo ?? options.nextOrderNo();
      const data = {
        category: input.category ?? fake.category,
        citizen: input.citizen ?? fake.citizen,
        content: input.content ?? fake.content,
        role: input.role ?? fake.role,
        ...(input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
      };
      const { message, rawBody } = compose('order.dispatched', orderNo, data);
      // The platform holds the order from the moment it dispatches, whether or not the centre took it.
      await record.rememberOrder({ orderNo, dispatchedAt: message.occurredAt, messageId: message.messageId });
      return deliver(message, rawBody);
    },
    approveReturn: (orderNo: string, reason?: string) => push('return.approved', orderNo, reason === undefined ? {} : { reason }),
    rejectReturn: (orderNo: string, reason?: string) => push('return.rejected', orderNo, reason === undefined ? {} : { reason }),
    approveExtension: (orderNo: string, grant: InboundData<'extension.approved'>) => push('extension.approved', orderNo, grant),
    rejectExtension: (orderNo: string, reason?: string) => push('extension.rejected', orderNo, reason === undefined ? {} : { reason }),
    recordFollowUp: (orderNo: string, result: InboundData<'followup.recorded'>) => push('followup.recorded', orderNo, result),
    redo: (orderNo: string, redo: InboundData<'order.redo'>) => push('order.redo', orderNo, redo),
    urge: (orderNo: string, level: UrgeLevel, note?: string) => push('order.urged', orderNo, note === undefined ? { level } : { level, note }),
    issueNotice: (orderNo: string, note: string) => push('notice.issued', orderNo, { note }),
    merge: (orderNo: string, mergedOrderNos: string[]) => push('orders.merged', orderNo, { mergedOrderNos }),

    /** Sends a message again: same messageId, same body bytes; fresh timestamp and signature. */
    redeliver(messageId: string): Promise<Delivery> {
      const earlier = sent.get(messageId);
      if (!earlier) throw new UnknownMessageError(messageId);
      return deliver(earlier.message, earlier.rawBody);
    },
    sentMessage: (messageId: string): InboundMessage | undefined => sent.get(messageId)?.message,
    sentMessages: (): InboundMessage[] => [...sent.values()].map((s) => s.message),

    /** One try, no retry, nothing remembered: for tests of bad signatures and stale timestamps. */
    deliverRaw(input: RawDeliveryInput): Promise<CentreAnswerReport> {
      const rawBody = typeof input.body === 'string' ? input.body : JSON.stringify(input.body);
      const timestamp = input.timestamp ?? unixSeconds(clock());
      const ownId = typeof input.body === 'object' && 'messageId' in input.body ? String(input.body.messageId) : undefined;
      const messageId = input.messageId === undefined ? ownId : input.messageId ?? undefined;
      const signature = input.signature === undefined ? sign(input.secret ?? secret, timestamp, rawBody) : input.signature ?? undefined;
      const platform = input.platformId === undefined ? platformId : input.platformId ?? undefined;
      const headers: Record<string, string> = { 'content-type': 'application/json', [timestampHeader]: String(timestamp) };
      if (messageId !== undefined) headers[messageIdHeader] = messageId;
      if (signature !== undefined) headers[signatureHeader] = signature;
      if (platform !== undefined) headers[platformHeader] = platform;
      return postOnce({ url: input.url ?? webhookUrl(), headers, body: rawBody, timeoutMs: retry.timeoutMs, stop: stopping.signal });
    },

    /** Abandons deliveries in flight and their backoff waits (the simulator is closing). */
    stop(): void {
      stopping.abort();
    },
  };
}

export type Driver = ReturnType<typeof createDriver>;

export class UnknownMessageError extends Error {
  constructor(readonly messageId: string) {
    super(`the simulator has sent no message ${messageId}`);
    this.name = 'UnknownMessageError';
  }
}
