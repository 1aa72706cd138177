// What the timer needs from the domain, in one place.
import { beijingDateOf, monthOf } from '../domain/index.js';

export { advisorLedgerStreamName, AdvisorRuleBroken } from '../domain/index.js';

/** The Beijing month an instant falls in. */
export const localMonthOf = (instant: Date): string => monthOf(beijingDateOf(instant));
