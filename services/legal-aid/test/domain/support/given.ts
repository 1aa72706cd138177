// given / when / then for the legal-aid decider: given these events, when this command at this moment by
// this organisation, then these events (deep, strict equality) or this broken rule. History may be given
// as commands too (`after`), each decided in turn, so a test names the steps instead of copying events.
import type { OrganisationKind } from '@bureau/organisations';
import {
  LegalAidRuleBroken,
  decide,
  foldLegalAid,
  type DecisionContext,
  type LegalAidCommand,
  type LegalAidEvent,
  type LegalAidRule,
  type LegalAidRules,
  type LegalAidState,
} from '../../../src/domain/index.js';
import { huaduBureau, huaduOffice, offices, rules as defaultRules } from './fixtures.js';

/** The few assertions used here, always with a message; tap's Test satisfies it. */
interface Assert {
  strictSame(found: unknown, wanted: unknown, message: string): boolean;
  match(found: unknown, wanted: unknown, message: string): boolean;
  equal(found: unknown, wanted: unknown, message: string): boolean;
  fail(message: string): boolean;
}

export type By = { id: string; kind: OrganisationKind };
export const office = (id = huaduOffice): By => ({ id, kind: 'legal_aid_office' });
export const station = (id: string): By => ({ id, kind: 'legal_aid_station' });
export const bureau = (id = huaduBureau): By => ({ id, kind: 'justice_bureau' });

export function contextOf(now: Date, by: By = office(), rules: LegalAidRules = defaultRules): DecisionContext {
  return { now, rules, organisation: by, offices };
}

/** One step of a history: a command decided at `now` by `by`. */
export type Step = { command: LegalAidCommand; now: Date; by?: By; rules?: LegalAidRules };

/** The events the steps decide, each on the state the previous ones made. */
export function historyOf(...steps: Step[]): LegalAidEvent[] {
  return extended([], ...steps);
}

/** `history` followed by the events the steps decide. */
export function extended(history: readonly LegalAidEvent[], ...steps: Step[]): LegalAidEvent[] {
  const events: LegalAidEvent[] = [...history];
  for (const { command, now, by, rules } of steps) events.push(...decide(command, foldLegalAid(events), contextOf(now, by, rules)));
  return events;
}

export function given(...history: LegalAidEvent[]) {
  const state: LegalAidState = foldLegalAid(history);
  return {
    state,
    when(command: LegalAidCommand, now: Date, by: By = office(), rules: LegalAidRules = defaultRules) {
      const run = () => decide(command, state, contextOf(now, by, rules));
      return {
        run,
        then(t: Assert, expected: LegalAidEvent[], message = 'then these events') {
          t.strictSame(run(), expected, message);
        },
        /** Then one event of this type whose data has (at least) these fields. */
        thenOne(t: Assert, type: LegalAidEvent['type'], fields: Record<string, unknown>, message = `then ${type}`) {
          const events = run();
          t.equal(events.length === 1 ? events[0]?.type : JSON.stringify(events.map((e) => e.type)), type, message);
          t.match(events[0]?.data, fields, `${message}: its data`);
        },
        thenNothing(t: Assert, message = 'then no events (already done or stale)') {
          t.strictSame(run(), [], message);
        },
        thenBroken(t: Assert, rule: LegalAidRule, message = `then rule ${rule} is broken`) {
          try {
            const events = run();
            t.fail(`${message}: decided ${JSON.stringify(events.map((e) => e.type))} instead`);
          } catch (error) {
            if (!(error instanceof LegalAidRuleBroken)) throw error;
            t.equal(error.rule, rule, message);
          }
        },
      };
    },
  };
}
