// given / when / then for the work-order decider: given these events, when this command at this moment,
// then these events (deep, strict equality) or this broken rule.
import {
  WorkOrderRuleBroken,
  decide,
  foldWorkOrder,
  type HotlineRules,
  type WorkOrderCommand,
  type WorkOrderEvent,
  type WorkOrderRule,
  type WorkOrderState,
} from '../../../src/domain/index.js';
import { rules as defaultRules } from './fixtures.js';

/** The few assertions used here, always with a message; tap's Test satisfies it. */
interface Assert {
  strictSame(found: unknown, wanted: unknown, message: string): boolean;
  equal(found: unknown, wanted: unknown, message: string): boolean;
  fail(message: string): boolean;
}

export function given(...history: WorkOrderEvent[]) {
  const state: WorkOrderState = foldWorkOrder(history);
  return {
    state,
    when(command: WorkOrderCommand, now: Date, rules: HotlineRules = defaultRules) {
      const run = () => decide(command, state, { now, rules });
      return {
        then(t: Assert, expected: WorkOrderEvent[], message = 'then these events') {
          t.strictSame(run(), expected, message);
        },
        thenNothing(t: Assert, message = 'then no events (already done or stale)') {
          t.strictSame(run(), [], message);
        },
        thenBroken(t: Assert, rule: WorkOrderRule, message = `then rule ${rule} is broken`) {
          try {
            const events = run();
            t.fail(`${message}: decided ${JSON.stringify(events.map((e) => e.type))} instead`);
          } catch (error) {
            if (!(error instanceof WorkOrderRuleBroken)) throw error;
            t.equal(error.rule, rule, message);
          }
        },
      };
    },
  };
}
