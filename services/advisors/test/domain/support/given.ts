// given / when / then for the advisors' deciders: given these events, when this command in this context,
// then these events (deep, strict equality), nothing (already done), or this broken rule.
import {
  AdvisorRuleBroken,
  decideAppointments,
  decideLedger,
  decideRegister,
  foldAppointments,
  foldLedger,
  foldRegister,
  type AdvisorRule,
} from '../../../src/domain/index.js';

/** The few assertions used here, always with a message; tap's Test satisfies it. */
export interface Assert {
  strictSame(found: unknown, wanted: unknown, message: string): boolean;
  equal(found: unknown, wanted: unknown, message: string): boolean;
  fail(message: string): boolean;
}

function scenario<State, Command, Event, Context>(
  fold: (events: Event[]) => State,
  decide: (command: Command, state: State, context: Context) => Event[],
) {
  return (...history: Event[]) => {
    const state = fold(history);
    return {
      state,
      when(command: Command, context: Context) {
        const run = () => decide(command, state, context);
        return {
          then(t: Assert, expected: Event[], message = 'then these events') {
            t.strictSame(run(), expected, message);
          },
          thenNothing(t: Assert, message = 'then no events (already done)') {
            t.strictSame(run(), [], message);
          },
          thenBroken(t: Assert, rule: AdvisorRule, message = `then rule ${rule} is broken`) {
            try {
              const events = run();
              t.fail(`${message}: decided ${JSON.stringify(events)} instead`);
            } catch (error) {
              if (!(error instanceof AdvisorRuleBroken)) throw error;
              t.equal(error.rule, rule, message);
            }
          },
          /** The events, for a test that goes on from them. */
          events: run,
        };
      },
    };
  };
}

export const givenRegister = scenario(foldRegister, decideRegister);
export const givenAppointments = scenario(foldAppointments, decideAppointments);
export const givenLedger = scenario(foldLedger, decideLedger);
