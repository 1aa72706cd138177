// `@bureau/legal-aid/walk-ins`: walk-in consultations at the counters (来访咨询), the decider and its
// events' stored form. What the year's report and the year generator read and write.
export * from './vocabulary.js';
export {
  decideWalkIn, evolveWalkIn, initialWalkInState, walkInDecider, WalkInRuleBroken,
  type WalkInCommand, type WalkInConsultation, type WalkInDecideContext, type WalkInEvent, type WalkInPlace, type WalkInRule, type WalkInState,
} from './decider.js';
export { walkInConsultationSchema, walkInEvents } from './events.js';
