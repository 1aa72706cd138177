// Builds the simulator: the platform's API (what the centre calls), its admin endpoints, and the
// driver that pushes messages to the centre's webhook. `server.ts` only starts it.
import { docsPlugin } from '@bureau/service-kit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { adminRoutes } from './admin-routes.js';
import { apiRoutes } from './api-routes.js';
import { defaultRetryPolicy, type RetryPolicy } from './delivery.js';
import { createDriver, type Driver } from './driver.js';
import type { Satisfaction } from '@bureau/hotline-protocol/messages';
import type { RecordSnapshot, RecordStore } from './durable-record.js';
import { fakeOrders, firstSerialAfter, orderNumbers, seededRandom } from './orders.js';
import { createOutage, type Outage } from './outage.js';
import { createPlatformRecord, type PlatformRecord, type ReceivedCall } from './platform-record.js';
import { useProblemAnswers } from './problem.js';

export interface FollowUpOptions {
  /** Answer every reply (办结答复) with a follow-up result (回访) after `delayMs`. */
  readonly auto: boolean;
  readonly delayMs?: number;
  readonly satisfaction?: Satisfaction;
  /** Default: resolved unless dissatisfied. */
  readonly resolved?: boolean;
  /** Default: caused by the unit only when dissatisfied (so the centre gets a redo case). */
  readonly causedByUnit?: boolean;
}

export interface SimulatorOptions {
  readonly platformId: string;
  readonly secret: string;
  /** The centre's full webhook URL, e.g. http://127.0.0.1:3200/integrations/12345/gz12345/messages. */
  readonly webhookUrl: string;
  readonly followUp?: FollowUpOptions;
  readonly clock?: () => Date;
  readonly retry?: Partial<RetryPolicy>;
  /** Seeds the fake citizens and contents; same seed, same sequence. Default: random. */
  readonly seed?: number;
  /** Order numbers are prefix + China date + serial. Default 'SIM'. */
  readonly orderPrefix?: string;
  readonly firstOrderSerial?: number;
  readonly logger?: boolean | { readonly level?: string; readonly stream?: { write(line: string): void } };
  /** Where the platform's memory is kept across restarts, and what it held at start (durable-record.ts). */
  readonly durable?: { readonly store: RecordStore; readonly loaded: RecordSnapshot };
}

/** Citizen data never reaches a log line, even if some future line carries a message. */
const redact = { paths: ['citizen', '*.citizen', '*.*.citizen', '*.*.*.citizen', 'phone', '*.phone'], censor: '[redacted]' };

export function createSimulator(options: SimulatorOptions) {
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger === undefined || options.logger === false ? false : { ...(options.logger === true ? {} : options.logger), redact };
  const app: FastifyInstance = Fastify({ logger });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  useProblemAnswers(app);

  const record: PlatformRecord = createPlatformRecord(options.durable?.store, options.durable?.loaded);
  const orderPrefix = options.orderPrefix ?? 'SIM';
  const firstSerial = options.firstOrderSerial ?? (options.durable ? firstSerialAfter(orderPrefix, options.durable.loaded.orders.map((o) => o.orderNo), clock) : undefined);
  const outage: Outage = createOutage();
  let webhookUrl = options.webhookUrl;
  const driver: Driver = createDriver({
    platformId: options.platformId,
    secret: options.secret,
    webhookUrl: () => webhookUrl,
    clock,
    retry: { ...defaultRetryPolicy, ...options.retry },
    record,
    nextOrderNo: orderNumbers(orderPrefix, clock, firstSerial),
    fakeOrder: fakeOrders(seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32))),
    log: app.log,
  });

  const followUpTimers = new Set<NodeJS.Timeout>();
  function followUpLater(call: ReceivedCall): void {
    const followUp = options.followUp;
    if (call.action !== 'replies' || !followUp?.auto) return;
    const satisfaction = followUp.satisfaction ?? 'satisfied';
    const timer = setTimeout(() => {
      followUpTimers.delete(timer);
      void driver.recordFollowUp(call.orderNo, {
        satisfaction,
        resolved: followUp.resolved ?? satisfaction !== 'dissatisfied',
        causedByUnit: followUp.causedByUnit ?? satisfaction === 'dissatisfied',
      });
    }, followUp.delayMs ?? 5000);
    followUpTimers.add(timer);
  }

  void app.register(docsPlugin, { title: '12345 platform simulator (市12345热线平台模拟器)', version: '1.0.0', description: 'Stands in for the city 12345 platform: its API the centre calls, and admin routes that make it dispatch.' });
  const common = { platformId: options.platformId, secret: options.secret, clock, record, outage };
  void app.register(apiRoutes, { ...common, onAccepted: followUpLater });
  void app.register(adminRoutes, { driver, record, outage });
  // /healthz like every service of the platform; /health kept for callers of the first version.
  for (const path of ['/healthz', '/health']) app.get(path, { schema: { hide: path === '/health' } }, async () => ({ status: 'ok', platformId: options.platformId }));
  app.addHook('onClose', async () => {
    for (const timer of followUpTimers) clearTimeout(timer);
    followUpTimers.clear();
    driver.stop();
    await options.durable?.store.close();
  });

  return {
    app,
    platformId: options.platformId,
    dispatch: driver.dispatch,
    approveReturn: driver.approveReturn,
    rejectReturn: driver.rejectReturn,
    approveExtension: driver.approveExtension,
    rejectExtension: driver.rejectExtension,
    recordFollowUp: driver.recordFollowUp,
    redo: driver.redo,
    urge: driver.urge,
    issueNotice: driver.issueNotice,
    merge: driver.merge,
    redeliver: driver.redeliver,
    deliverRaw: driver.deliverRaw,
    sentMessage: driver.sentMessage,
    sentMessages: driver.sentMessages,
    /** Calls from the centre the platform accepted, in arrival order (optionally one order's or action's). */
    received: record.received,
    /** Every call that reached the API, with the status it got (503s and 401s included). */
    attempts: record.attempts,
    knownOrders: record.orders,
    setDown: outage.setDown,
    failNext: outage.failNext,
    outageState: outage.state,
    /** For when the centre's address is known only after the simulator started (both on port 0). */
    setWebhookUrl(url: string): void {
      webhookUrl = url;
    },
    close: () => app.close(),
  };
}

export type Simulator = ReturnType<typeof createSimulator>;
