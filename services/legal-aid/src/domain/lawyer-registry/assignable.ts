// What an assignment (指派) takes from the registry: the lawyer as a LawyerProfile, with the years of
// relevant practice counted on the day (Art. 26); and the suggestions by current load: the district's
// active lawyers, fewest open assigned cases first, without those with a conflict and, where Art. 26
// applies, without those under three years.
import { localDateOf } from '@bureau/working-calendar';
import { conflictsOf, experiencedEnough, type OpenCaseOfLawyer } from '../conflicts.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { LawyerProfile } from '../vocabulary.js';
import { lawyerIn, lawyersOf, type LawyerRegistryState, type RegisteredLawyer } from './state.js';

/** Whole years from `since` (YYYY-MM-DD) to the Beijing date of `now`. */
export function practiceYears(since: string, now: Date): number {
  const today = localDateOf(now);
  const years = Number(today.slice(0, 4)) - Number(since.slice(0, 4));
  return Math.max(0, today.slice(5) >= since.slice(5) ? years : years - 1);
}

export function profileOf(lawyer: RegisteredLawyer, now: Date): LawyerProfile {
  return { lawyerId: lawyer.lawyerId, firmId: lawyer.firmId, relevantPracticeYears: practiceYears(lawyer.relevantPracticeSince, now) };
}

/** The registry's lawyer for an assignment: registered in the office's district and active, else a broken rule. */
export function assignableLawyer(registry: LawyerRegistryState, lawyerId: string, now: Date): LawyerProfile {
  const lawyer = lawyerIn(registry, lawyerId);
  if (!lawyer) throw new LegalAidRuleBroken('lawyer_not_registered');
  if (!lawyer.active) throw new LegalAidRuleBroken('lawyer_inactive');
  return profileOf(lawyer, now);
}

/** The open cases as the conflict check sees them: each under the firm the registry gives its lawyer today. */
export function withRegistryFirms(registry: LawyerRegistryState, openCases: readonly OpenCaseOfLawyer[]): OpenCaseOfLawyer[] {
  return openCases.map((c) => ({ ...c, firmId: lawyerIn(registry, c.lawyerId)?.firmId ?? c.firmId }));
}

export interface LawyerSuggestion {
  readonly lawyerId: string;
  readonly name: string;
  readonly firmId: string;
  readonly firmName: string;
  readonly relevantPracticeYears: number;
  readonly specialties: readonly string[];
  /** Open cases the lawyer is assigned to now. */
  readonly openCases: number;
}

export interface SuggestionInput {
  readonly registry: LawyerRegistryState;
  /** Open assigned cases per lawyer id (absent = none). */
  readonly load: ReadonlyMap<string, number>;
  /** Open cases of the district's lawyers, for the conflict check. */
  readonly openCases: readonly OpenCaseOfLawyer[];
  readonly opposingParty: string | null;
  /** Art. 26 applies to the file. */
  readonly needsExperience: boolean;
  readonly now: Date;
}

/** Lowest load first, then the longest practice, then the id (a stable order). */
export function suggestLawyers(input: SuggestionInput): LawyerSuggestion[] {
  const cases = withRegistryFirms(input.registry, input.openCases);
  return lawyersOf(input.registry)
    .filter((l) => l.active)
    .map((l) => ({ lawyer: l, profile: profileOf(l, input.now) }))
    .filter(({ profile }) => !input.needsExperience || experiencedEnough(profile))
    .filter(({ profile }) => conflictsOf(profile, input.opposingParty, cases).length === 0)
    .map(({ lawyer, profile }) => ({
      lawyerId: lawyer.lawyerId, name: lawyer.name, firmId: lawyer.firmId, firmName: lawyer.firmName,
      relevantPracticeYears: profile.relevantPracticeYears, specialties: lawyer.specialties, openCases: input.load.get(lawyer.lawyerId) ?? 0,
    }))
    .sort((a, b) => a.openCases - b.openCases || b.relevantPracticeYears - a.relevantPracticeYears || (a.lawyerId < b.lawyerId ? -1 : a.lawyerId > b.lawyerId ? 1 : 0));
}
