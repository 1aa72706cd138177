// The checks every entry passes, when logged and again as corrected: one function, so a correction can
// never produce an entry a log would have refused.
import { appointedOn } from '../appointments/appointed-on.js';
import { AdvisorRuleBroken, requireText } from '../errors.js';
import { beijingDateTimeOf, isClockTime, isLocalDate, monthOf } from '../month.js';
import { normalisedPhone } from '../phone.js';
import { reviewSubjects, serviceModes, serviceTypes, type EvidenceReference, type PersonServed } from '../vocabulary.js';
import type { ServiceDetails } from './commands.js';
import type { LedgerContext } from './context.js';
import type { EntryContent } from './events.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;
/** A day has 1440 minutes: an entry longer than a day is a typing error (one entry per day of duty). */
const MAX_ENTRY_MINUTES = 24 * 60;

/** An entry without its appointment: what the advisor wrote, normalised, before the month and the appointments are consulted. */
export type EntryDraft = Omit<EntryContent, 'appointmentId'>;

/** The checks that need nothing but the entry itself (and the evidence size limit). */
export function normalisedDraft(details: ServiceDetails, evidenceMaxBytes: number): EntryDraft {
  if (!isLocalDate(details.date)) throw new AdvisorRuleBroken('invalid_date');
  if (details.startTime !== null && !isClockTime(details.startTime)) throw new AdvisorRuleBroken('invalid_start_time');
  if (!serviceTypes.includes(details.type)) throw new AdvisorRuleBroken('invalid_service_type');
  const reviewSubject = details.reviewSubject ?? null;
  if (reviewSubject !== null) {
    if (!reviewSubjects.includes(reviewSubject)) throw new AdvisorRuleBroken('invalid_review_subject');
    if (details.type !== 'review') throw new AdvisorRuleBroken('review_subject_only_for_review');
  }
  if (!serviceModes.includes(details.mode)) throw new AdvisorRuleBroken('invalid_mode');
  if (!(Number.isInteger(details.durationMinutes) && details.durationMinutes >= 1 && details.durationMinutes <= MAX_ENTRY_MINUTES)) {
    throw new AdvisorRuleBroken('invalid_duration');
  }
  if (details.type === 'on_site_duty' && details.mode !== 'on_site') throw new AdvisorRuleBroken('duty_must_be_on_site');
  const summary = requireText(details.summary, 'summary_required');
  const personsServed = details.personsServed.map(checkedPerson);
  const evidence = details.evidence.map((e) => checkedEvidence(e, evidenceMaxBytes));
  const legalAidApplicationId = details.legalAidApplicationId?.trim() || null;
  if (legalAidApplicationId !== null && details.type !== 'legal_aid_referral') throw new AdvisorRuleBroken('application_id_only_for_referral');
  const { advisorId, date, startTime, type, durationMinutes, mode } = details;
  return { advisorId, date, startTime, type, reviewSubject, durationMinutes, mode, personsServed, summary, evidence, legalAidApplicationId };
}

/** The checks against the stream's month, the moment, and the village's appointments. */
export function placedContent(draft: EntryDraft, { now, month, village, appointments }: LedgerContext): EntryContent {
  if (monthOf(draft.date) !== month) throw new AdvisorRuleBroken('wrong_month');
  // Today in Beijing is the last day a service can have happened; today's only up to now.
  const today = beijingDateTimeOf(now);
  if (draft.date > today.date) throw new AdvisorRuleBroken('service_in_future');
  if (draft.date === today.date && draft.startTime !== null && draft.startTime > today.startTime) {
    throw new AdvisorRuleBroken('service_in_future');
  }
  const appointment = appointedOn(appointments, village.villageId, draft.date);
  if (!appointment || appointment.advisorId !== draft.advisorId) throw new AdvisorRuleBroken('advisor_not_appointed');
  // Keys in sorted order, the event store's canonical form: the import appends 100,000 of these as they
  // are (events/fast-path.ts), where another order would have to be copied into this one.
  return {
    advisorId: draft.advisorId, appointmentId: appointment.appointmentId, date: draft.date, durationMinutes: draft.durationMinutes,
    evidence: draft.evidence, legalAidApplicationId: draft.legalAidApplicationId, mode: draft.mode, personsServed: draft.personsServed,
    reviewSubject: draft.reviewSubject, startTime: draft.startTime, summary: draft.summary, type: draft.type,
  };
}

/** The draft an entry's content came from (for comparing a retry, or applying a correction). */
export function draftOf(content: EntryContent): EntryDraft {
  const { appointmentId, ...draft } = content;
  void appointmentId;
  return draft;
}

function checkedPerson(person: PersonServed): PersonServed {
  const name = requireText(person.name, 'person_name_required');
  if (person.phone === null || person.phone.trim() === '') return { name, phone: null };
  const phone = normalisedPhone(person.phone);
  if (phone === undefined) throw new AdvisorRuleBroken('invalid_phone');
  return { name, phone };
}

function checkedEvidence(evidence: EvidenceReference, maxBytes: number): EvidenceReference {
  const sha256 = evidence.sha256.toLowerCase();
  if (!SHA256_HEX.test(sha256) || !(Number.isInteger(evidence.sizeBytes) && evidence.sizeBytes >= 1)) {
    throw new AdvisorRuleBroken('invalid_evidence');
  }
  if (evidence.sizeBytes > maxBytes) throw new AdvisorRuleBroken('evidence_too_large');
  return { mediaType: evidence.mediaType, sha256, sizeBytes: evidence.sizeBytes };
}

/** Same identity (同一条服务): advisor, date, type and start time, within the stream's village. */
export function sameIdentity(a: Pick<EntryContent, 'advisorId' | 'date' | 'type' | 'startTime'>, b: typeof a): boolean {
  return a.advisorId === b.advisorId && a.date === b.date && a.type === b.type && a.startTime === b.startTime;
}

/**
 * "The same entry again" (idempotent) versus "a different one". Compared as canonical JSON (keys sorted):
 * content read back from the store may come with its keys in another order (PostgreSQL's jsonb sorts them).
 */
export function sameContent(a: EntryDraft, b: EntryDraft): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
