// The legal-aid decider (法律援助): the public face of the domain core. See README.md here.
export type * from './commands.js';
export type * from './events.js';
export type * from './state.js';
export * from './vocabulary.js';
export { initialState } from './state.js';
export { evolve, foldLegalAid } from './evolve.js';
export { decide } from './decide.js';
export { LegalAidRuleBroken, ruleDetail, type LegalAidRule } from './errors.js';
export * from './rules.js';
export { deadlineFrom, remainingOf, resumedDeadline, type DeadlineRecord } from './deadlines.js';
export { competentOffices, officeAt, officeOf, proposeCompetentOffice, type CompetenceOutcome, type OfficeDirectory } from './competence.js';
export { possibleDuplicates, samePerson, type DuplicateCandidate, type OpenApplicationSummary } from './duplicates.js';
export { conflictsOf, experiencedEnough, needsExperiencedLawyer, type ConflictWarning, type OpenCaseOfLawyer } from './conflicts.js';
export { greenChannelGroundsOf } from './green-channel.js';
export * from './lawyer-registry/index.js';
export { provisionalYearsOf, recountableLimits, runningLimits, type RecountableLimit } from './recount.js';
export { legalAidStreamCategory, legalAidStreamName } from './stream.js';

import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState } from './state.js';

/** The decider as one value, for a generic command handler (which passes the DecisionContext). */
export const legalAidDecider = { initialState, evolve, decide } as const;
