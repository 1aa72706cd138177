// The month-end durable timer (月末判定): at 24:00 Beijing time of each month's last day, per village,
// JudgeOnSiteMinimum on the ledger of the month just ended. The mechanism (table, projection, firing
// loop, lease, backoff, idempotent fire) is @bureau/durable-timers; the rule is month-end-rules.ts.
// The fire runs with the timer's command id, so a second try records nothing more; the decider records
// a judgement only when it differs from the last (a met month records nothing: "not needed").
import { createDurableTimers, type DurableTimers } from '@bureau/durable-timers';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { handleCommand } from '@bureau/service-kit';
import { advisorLedgerStreamName, AdvisorRuleBroken, localMonthOf } from './month.js';
import { advisorLedgerEvents } from '../events/index.js';
import { boundLedgerDecider } from '../commands/run-ledger-command.js';
import { villageOf } from '../registry/villages.js';
import { monthEndRules } from './month-end-rules.js';

declare module 'fastify' {
  interface FastifyInstance {
    advisorsTimers: DurableTimers;
  }
}

export interface MonthEndTimersOptions {
  readonly fire: boolean;
  /**
   * Whether this process keeps the timers' schedule (a projection over every appointment and ledger event)
   * when it does not fire them: a process that keeps no read model (ADVISORS_READ_MODELS_RUN=false) and
   * fires nothing leaves the schedule to the process that does.
   */
  readonly schedule: boolean;
  readonly maxSleepMs: number;
  readonly engine?: { readonly busyLingerMs?: number; readonly standbyPollMs?: number; readonly maxBatchWaitMs?: number; readonly idleAdvanceMs?: number };
}

async function monthEndTimers(app: FastifyInstance, options: MonthEndTimersOptions) {
  const timers = createDurableTimers({
    store: app.eventStore,
    pool: app.pg,
    db: app.db,
    name: 'advisors_month_end_timers',
    version: 1,
    table: 'advisors_timers',
    subjectColumn: 'village_id',
    rules: monthEndRules,
    commandIdPrefix: 'advisors-month-end',
    clock: app.advisors.clock,
    maxSleepMs: options.maxSleepMs,
    fireInThisProcess: options.fire,
    ...(options.engine ? { engine: options.engine } : {}),
    logger: app.log,
    refusalOf: (error) => (error instanceof AdvisorRuleBroken ? error.rule : undefined),
    fire: async (timer, { commandId, now }) => {
      const village = villageOf(app.organisations.current(), timer.subject_id);
      if (!village) return 'not_needed'; // closed or gone from the registry: nothing to judge
      // The month that ended at the due moment (the instant just before it, in Beijing time).
      const month = localMonthOf(new Date(new Date(timer.due_at_iso).getTime() - 1));
      const decider = await boundLedgerDecider(
        { store: app.eventStore, registry: () => app.organisations.current(), limitsFor: app.advisors.config.limitsFor }, village, month, now,
      );
      const result = await handleCommand({
        store: app.eventStore,
        registry: advisorLedgerEvents,
        streamName: advisorLedgerStreamName(village.villageId, month),
        decider,
        command: { type: 'JudgeOnSiteMinimum', data: {} },
        context: { commandId, actor: { id: 'month-end-timer', role: 'system', organisation: village.judicialOfficeId }, occurredAt: now },
      });
      if (result.alreadyApplied) return 'already_recorded';
      return result.events.length > 0 ? 'recorded' : 'not_needed';
    },
  });
  app.decorate('advisorsTimers', timers);
  if (options.fire || options.schedule) app.addHook('onReady', async () => timers.start());
  app.addHook('onClose', async () => timers.stop());
}

export const monthEndTimersPlugin = fp(monthEndTimers, {
  name: 'advisors-month-end-timers',
  fastify: '5.x',
  dependencies: ['bureau-pg-pool', 'bureau-event-store', 'bureau-organisations'],
});
