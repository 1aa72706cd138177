// Who may do what with legal-aid files, and how far each role reaches (the kit's scopes). Tokens carry one
// role each; the organisation in the token is where the person sits:
// - station clerk (受理) at a station or an office: takes applications, prints receipts; scope 'organisation'
//   (what their station or office received, holds or is competent for);
// - reviewer (审查) and the office's head (负责人) at a legal-aid office: scope 'district';
// - the justice bureau's objection handler (Art. 49) at the bureau: scope 'district';
// - the district's auditor (read only) at the district's bureau: scope 'district';
// - the city's auditor and administrator: scope 'city';
// - the city's statistician (市统计员): scope 'city', the statistics only (counts, no file, no person);
// - the assigned lawyer (承办律师) at their district's legal-aid office, the token's subject being the
//   registry's lawyer id: scope 'district', and within it only the files assigned to them (lawyer.ts).
// A file outside the caller's reach answers exactly as one that does not exist.
import { access, type Scope } from '@bureau/service-kit';

export const STATION_CLERK = 'station_clerk';
export const REVIEWER = 'legal_aid_reviewer';
export const OFFICE_HEAD = 'legal_aid_head';
export const OBJECTION_HANDLER = 'objection_handler';
export const AUDITOR = 'auditor';
export const LAWYER = 'legal_aid_lawyer';

const clerk: Record<string, Scope> = { [STATION_CLERK]: 'organisation' };
const reviewer: Record<string, Scope> = { [REVIEWER]: 'district' };
const head: Record<string, Scope> = { [OFFICE_HEAD]: 'district' };
const objections: Record<string, Scope> = { [OBJECTION_HANDLER]: 'district' };
const cityWide: Record<string, Scope> = { city_auditor: 'city', city_administrator: 'city' };
const lawyer: Record<string, Scope> = { [LAWYER]: 'district' };

/** 受理: submit, announce a custody application, record a notice, transfer, withdraw, materials handed in. */
export const INTAKE = access({ ...clerk, ...reviewer, ...head });
/** 审查: materials requests, economic status, informing the authority, closing, follow-up, quality review. */
export const REVIEW = access({ ...reviewer, ...head });
/** The office's decisions: approve, refuse, preliminary aid, assign, terminate, override competence. */
export const DECISION = access({ ...head });
/** Art. 49: objections are filed with and decided by the justice bureau. */
export const OBJECTIONS = access({ ...objections });
/** Read one file, the worklist, search, statistics. */
export const READERS = access({ ...clerk, ...reviewer, ...head, ...objections, [AUDITOR]: 'district', ...cityWide });
/** The monthly and yearly statistics (counts per office and station, no person in them): the readers, and the city's statistician. */
export const STATISTICS_READERS = access({ ...clerk, ...reviewer, ...head, ...objections, [AUDITOR]: 'district', ...cityWide, city_statistician: 'city' });
/**
 * Read one file: the roles that handle it and the city's administrator. Not the auditors: an auditor's
 * view of a case is itself recorded, which the audit service's history route does; auditors keep the
 * lists, search and statistics here.
 */
export const FILE_READERS = access({ ...clerk, ...reviewer, ...head, ...objections, ...lawyer, city_administrator: 'city' });
/** The scans a file's application handed in (personal data that cannot be masked): the roles that handle it. */
export const SCAN_READERS = access({ ...clerk, ...reviewer, ...head, ...objections, ...lawyer });
/** See a file's personal data unmasked: the roles that handle it. */
export const PERSONAL_DATA_READERS: readonly string[] = [STATION_CLERK, REVIEWER, OFFICE_HEAD, OBJECTION_HANDLER, LAWYER];
/** The assigned lawyer's own cases and reports (only the files assigned to them: lawyer.ts). */
export const LAWYER_OWN = access({ ...lawyer });
/** The lawyer's reports on a file: the lawyer, and the office that decides on them. */
export const LAWYER_REPORT_READERS = access({ ...reviewer, ...head, ...lawyer });
/** Load a newly published official calendar year: the city administrator. */
export const CALENDAR_ADMINS = ['city_administrator'] as const;
/** Keep a district's lawyer registry: its administrator (at the district's bureau), the city's administrator. */
export const REGISTRY_KEEPERS = access({ administrator: 'district', city_administrator: 'city' });
/** Read a registry: who assigns from it, who keeps it, the auditors. */
export const REGISTRY_READERS = access({ ...reviewer, ...head, administrator: 'district', [AUDITOR]: 'district', ...cityWide });
