// Who may be assigned (指派): the conflict check warns (it does not refuse) when the lawyer, or the
// lawyer's firm, already acts for the opposing party in an open case; Art. 26 refuses a lawyer with
// fewer than 3 years' relevant practice for a possible life or death sentence and death-penalty review.
import { CAPITAL_CASE_MIN_PRACTICE_YEARS } from './rules.js';
import type { LawyerProfile, NotificationGround } from './vocabulary.js';

/** An open case of the registry's lawyers, as the read side gives it to an assignment. */
export interface OpenCaseOfLawyer {
  readonly caseId: string;
  readonly lawyerId: string;
  readonly firmId: string;
  /** The party the lawyer acts for in that case. */
  readonly actsFor: string;
}

export type ConflictWarning = { caseId: string; by: 'lawyer' | 'firm' };

const normalised = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Open cases where the lawyer, or another lawyer of the same firm, acts for `opposingParty`. */
export function conflictsOf(lawyer: LawyerProfile, opposingParty: string | null, openCases: readonly OpenCaseOfLawyer[]): ConflictWarning[] {
  if (opposingParty === null || opposingParty.trim() === '') return [];
  const party = normalised(opposingParty);
  return openCases
    .filter((c) => normalised(c.actsFor) === party && (c.lawyerId === lawyer.lawyerId || c.firmId === lawyer.firmId))
    .map((c) => ({ caseId: c.caseId, by: c.lawyerId === lawyer.lawyerId ? 'lawyer' : 'firm' }));
}

/** Art. 26: the grounds that call for an experienced lawyer. */
export function needsExperiencedLawyer(ground: NotificationGround | null, capitalCase: boolean): boolean {
  return capitalCase || ground === 'possible_life_or_death_sentence' || ground === 'death_penalty_review';
}

/** Art. 26: at least CAPITAL_CASE_MIN_PRACTICE_YEARS of relevant practice. */
export function experiencedEnough(lawyer: LawyerProfile): boolean {
  return lawyer.relevantPracticeYears >= CAPITAL_CASE_MIN_PRACTICE_YEARS;
}
