// Who may do what with the advisors' records, and how far each role reaches (the kit's scopes: the
// caller's own organisation and what sits under it, its district, or the city).
//
// Ownership: a village-month ledger is owned by the judicial office (司法所) of the village's township,
// recorded in the ledger when the month opens (LedgerMonthOpened.judicialOfficeId); a village's
// appointments likewise; a district's register by the district. Every reach check is against that owner.
// - 司法所 staff (`judicial_office_staff`, token org = the office, scope `organisation`): the office and
//   what sits under it. The registry puts villages under the township, beside the office, not under it:
//   with the office as the ledger's owner, the `organisation` scope reaches exactly the ledgers the
//   office reviews (its township's villages), without widening the scope to the township.
// - The district (`administrator`, `auditor`, token org = the district's bureau, scope `district`): every
//   office in the district, hence every ledger of its townships, and the district's register.
// - An advisor (`legal_advisor`, token sub = their advisor id on the register, token org = the district
//   whose register holds them, scope `district`): the token bounds the advisor to their district; within
//   it, what they may log is decided by data, not by the token: the village's appointments on the date
//   (the domain's advisor_not_appointed, 422 with the rule named). An advisor serves several villages,
//   possibly in several townships, and appointments change mid-year: a token cannot carry that.
//   They correct and void their own entries only (entry_of_another_advisor), and read the ledgers of
//   villages they served in that month.
// - The city (`city_administrator`, `city_auditor`): reads everything.
// - The city's statistician (`city_statistician`, scope `city`): a district's month and year (counts,
//   hours, villages met), nothing that names a person: not a ledger (persons served), not the per-village
//   or per-advisor figures (they name the advisors), not the register, the review queue or the export.
import { access, type Scope } from '@bureau/service-kit';

const cityWide: Record<string, Scope> = { city_auditor: 'city', city_administrator: 'city' };
const district: Record<string, Scope> = { administrator: 'district', auditor: 'district' };

/** Keep the register and the appointments: the district's administrator. */
export const REGISTER_KEEPERS = access({ administrator: 'district' });
/** Read a district's register. */
export const REGISTER_READERS = access({ ...district, ...cityWide });
/** Read a village's appointments: also its judicial office. */
export const APPOINTMENT_READERS = access({ judicial_office_staff: 'organisation', ...district, ...cityWide });
/** Log, correct and void services; upload evidence. */
export const ADVISORS = access({ legal_advisor: 'district' });
/** The monthly review: start, return, excuse, approve, reopen. */
export const REVIEWERS = access({ judicial_office_staff: 'organisation' });
/** One ledger as it stands, with its history. */
export const LEDGER_READERS = access({ legal_advisor: 'district', judicial_office_staff: 'organisation', ...district, ...cityWide });
/** Lists and figures: the review queue, on-site minutes, the district's summary. */
export const FIGURE_READERS = access({ judicial_office_staff: 'organisation', ...district, ...cityWide });
/** A district's month and year (its summary and its annual figures): the figure readers, and the city's statistician. */
export const STATISTICS_READERS = access({ judicial_office_staff: 'organisation', ...district, ...cityWide, city_statistician: 'city' });
/** Import a spreadsheet: an advisor (their own ledger) or the district's administrator (any advisor's). */
export const IMPORTERS = access({ legal_advisor: 'district', administrator: 'district' });
/** See persons served unmasked in one ledger: the reviewing office (it calls back to check), and the advisor on their own entries. */
export const PERSONAL_DATA_READERS: readonly string[] = ['judicial_office_staff'];
export const ADVISOR_ROLE = 'legal_advisor';
/** An advisor's figures: the figure readers (within reach), and the advisor their own. */
export const ADVISOR_FIGURE_READERS = access({ legal_advisor: 'district', judicial_office_staff: 'organisation', ...district, ...cityWide });
