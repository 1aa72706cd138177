// Art. 38 (管辖): litigation goes to the legal-aid office where the case-handling authority sits;
// otherwise to the office where the dispute-handling authority sits or where the matter arose. Where more
// than one office is competent, the applicant chooses. Some matters belong to the city-level office (an
// authority that sits at city level). Pure: the city's offices arrive as a directory from the registry.
import type { CompetenceBasis, CompetenceFacts, PlaceOfAuthority } from './vocabulary.js';

/** The city's legal-aid offices and stations, as the organisation registry has them. */
export interface OfficeDirectory {
  readonly cityOfficeId: string;
  /** District organisation id → that district's legal-aid office (法律援助中心). */
  readonly districtOffices: Readonly<Record<string, string>>;
  /** Station (工作站) → the office it belongs to: a station's file is its office's without a transfer. */
  readonly stationOffices: Readonly<Record<string, string>>;
  /** Office → the justice bureau (司法行政部门) that set it up: the one that decides objections (Art. 49). */
  readonly justiceBureaus: Readonly<Record<string, string>>;
}

/** The office at a place, or undefined when the directory has none there. */
export function officeAt(directory: OfficeDirectory, place: PlaceOfAuthority): string | undefined {
  return 'cityLevel' in place ? directory.cityOfficeId : directory.districtOffices[place.districtId];
}

/** The office an organisation belongs to: an office itself, a station's office; undefined for others. */
export function officeOf(directory: OfficeDirectory, organisationId: string): string | undefined {
  if (organisationId === directory.cityOfficeId) return organisationId;
  if (Object.values(directory.districtOffices).includes(organisationId)) return organisationId;
  return directory.stationOffices[organisationId];
}

/** Art. 38: every office the recorded facts make competent, without duplicates, in the law's order. */
export function competentOffices(facts: CompetenceFacts, directory: OfficeDirectory): string[] {
  const places: (PlaceOfAuthority | null)[] =
    facts.kind === 'litigation' ? [facts.authoritySits] : [facts.disputeAuthoritySits, facts.matterAroseIn];
  const offices = places.flatMap((place) => {
    const office = place === null ? undefined : officeAt(directory, place);
    return office === undefined ? [] : [office];
  });
  return [...new Set(offices)];
}

export type CompetenceOutcome =
  | { kind: 'settled'; competentOfficeId: string; candidates: string[]; basis: CompetenceBasis }
  | { kind: 'no_competent_office' }
  | { kind: 'applicant_choice_required'; candidates: string[] }
  | { kind: 'choice_not_competent'; candidates: string[] };

/** The proposed competent office: the only candidate, or the applicant's choice among several (Art. 38). */
export function proposeCompetentOffice(
  facts: CompetenceFacts,
  directory: OfficeDirectory,
  applicantChoice: string | null,
): CompetenceOutcome {
  const candidates = competentOffices(facts, directory);
  const [only] = candidates;
  if (only === undefined) return { kind: 'no_competent_office' };
  if (candidates.length === 1) return { kind: 'settled', competentOfficeId: only, candidates, basis: 'single_competent_office' };
  if (applicantChoice === null) return { kind: 'applicant_choice_required', candidates };
  if (!candidates.includes(applicantChoice)) return { kind: 'choice_not_competent', candidates };
  return { kind: 'settled', competentOfficeId: applicantChoice, candidates, basis: 'applicant_choice' };
}
