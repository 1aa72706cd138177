// A file's read-model row from its (masked) state after each event. The decider's evolve is the fold, so
// the read side can never disagree with what the decider sees; the row only adds what lists need: who
// sees the file, what is due next, the overdue flags, masked personal data and keyed hashes.
import { birthDateOf } from '@bureau/person-schemas';
import { evolve, provisionalYearsOf, type LegalAidEvent, type LegalAidState, type Person } from '../domain/index.js';
import { identityHash, maskFreeText, maskPerson } from '../privacy/mask.js';
import type { WorkingCalendar } from '@bureau/working-calendar';
import { nextDecisionClock, workingDaysToDecision, type DecisionClock } from './decision-clock.js';
import type { LegalAidFileRow } from './tables.js';

const OPEN: readonly string[] = ['awaiting_custody_forwarding', 'in_review', 'awaiting_materials', 'approved', 'notified', 'objection_pending'];
const OVERDUE_EVENTS: Partial<Record<LegalAidEvent['type'], string>> = {
  ReviewOverdue: 'review',
  AssignmentOverdue: 'assignment',
  ObjectionDecisionOverdue: 'objection',
  CustodyForwardingOverdue: 'custody_forwarding',
};

/**
 * Every person in the state masked, and identity numbers and phones written into its free texts (the
 * summary, reasons, notes): the read model never holds a full identity number or phone.
 */
export function maskedState(state: LegalAidState, options: { readonly maskNames?: boolean } = {}): LegalAidState {
  if (state.status === 'none' || state.status === 'awaiting_custody_forwarding') return state;
  const person = (p: Parameters<typeof maskPerson>[0]) => maskPerson(p, { maskName: options.maskNames ?? false });
  const text = (value: string | null) => (value === null ? null : maskFreeText(value));
  const application = state.application
    ? { ...state.application, applicant: person(state.application.applicant), summary: maskFreeText(state.application.summary), courtOrAuthority: text(state.application.courtOrAuthority) }
    : null;
  return {
    ...state,
    recipient: person(state.recipient),
    application,
    opposingParty: text(state.opposingParty),
    decision: state.decision ? { ...state.decision, reasons: text(state.decision.reasons) } : null,
    objection: state.objection ? { ...state.objection, grounds: maskFreeText(state.objection.grounds) } : null,
    termination: state.termination ? { ...state.termination, explanation: maskFreeText(state.termination.explanation) } : null,
    closing: state.closing ? { ...state.closing, summary: maskFreeText(state.closing.summary) } : null,
    quality: state.quality ? { ...state.quality, note: maskFreeText(state.quality.note) } : null,
    // Only strings change, each field keeps its shape (a null stays null): the status's variant holds.
  } as LegalAidState;
}

function personOf(event: LegalAidEvent): { recipient: Person; applicant: Person | null } | undefined {
  if (event.type === 'ApplicationSubmitted') return { recipient: event.data.recipient, applicant: event.data.applicant };
  if (event.type === 'NotificationReceived') return { recipient: event.data.defendant, applicant: null };
  return undefined;
}

const at = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

function nextDue(state: LegalAidState): { at: string; kind: string } | null {
  switch (state.status) {
    case 'awaiting_custody_forwarding':
      return { at: state.forwarding.dueAt, kind: 'custody_forwarding' };
    case 'in_review': {
      const review = state.review.pausedAt === null ? { at: state.review.current.dueAt, kind: 'review' } : null;
      const assignment = state.assignmentDue && !state.lawyer ? { at: state.assignmentDue.dueAt, kind: 'assignment' } : null;
      return [review, assignment].filter((d) => d !== null).sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0] ?? null;
    }
    case 'awaiting_materials':
      return { at: state.materials.due.dueAt, kind: 'materials' };
    case 'approved':
    case 'notified':
      return state.assignmentDue ? { at: state.assignmentDue.dueAt, kind: 'assignment' } : null;
    case 'objection_pending':
      return { at: state.objection.decision.dueAt, kind: 'objection' };
    default:
      return null;
  }
}

export interface RowContext {
  readonly caseId: string;
  readonly revision: bigint;
  readonly recordedAt: Date;
  readonly hashKey: string;
  /** The official calendar, for the working days to a decision (statistics). */
  readonly calendar: WorkingCalendar;
}

/** Which limit an overdue event is about; a notified case's assignment limit (3 days of the notice) is its own. */
function overdueKindOf(event: LegalAidEvent, state: LegalAidState): string | undefined {
  const kind = OVERDUE_EVENTS[event.type];
  if (kind === 'assignment' && state.status !== 'none' && state.status !== 'awaiting_custody_forwarding' && state.kind === 'notified') return 'notified_assignment';
  return kind;
}

type OverdueEntry = { kind: string; at: string };
const overdueLogOf = (row: LegalAidFileRow | undefined): OverdueEntry[] =>
  row ? ((typeof row.overdue_log === 'string' ? JSON.parse(row.overdue_log) : row.overdue_log) as OverdueEntry[]) : [];
/** The moments the log's limits fell due, first to last, as a range (statistics find a month's overdue by it, indexed). */
function spanOf(log: readonly OverdueEntry[]): string | null {
  if (log.length === 0) return null;
  const moments = log.map((e) => new Date(e.at).getTime());
  return `[${new Date(Math.min(...moments)).toISOString()},${new Date(Math.max(...moments)).toISOString()}]`;
}
const clockOf = (row: LegalAidFileRow | undefined): DecisionClock | null =>
  row?.decision_clock ? ((typeof row.decision_clock === 'string' ? JSON.parse(row.decision_clock) : row.decision_clock) as DecisionClock) : null;

/** The row after `event`, from the row before (undefined for a new file). */
export function applyToRow(before: LegalAidFileRow | undefined, event: LegalAidEvent, context: RowContext): LegalAidFileRow | undefined {
  // jsonb reads back as the object it stored: the masked state folded so far.
  const previous = before ? stateOf(before) : { status: 'none' as const };
  const state = maskedState(evolve(previous, event));
  if (state.status === 'none') return before;
  const persons = personOf(event);
  const overdueKind = overdueKindOf(event, state);
  const overdueKinds = [...new Set([...(before?.overdue_kinds ?? []), ...(overdueKind ? [overdueKind] : [])])];
  const overdueLog = overdueLogOf(before);
  if (overdueKind && 'dueAt' in event.data && typeof event.data.dueAt === 'string') overdueLog.push({ kind: overdueKind, at: event.data.dueAt });
  const clock = nextDecisionClock(clockOf(before), state, context.calendar);
  const decided = (event.type === 'ApplicationApproved' || event.type === 'ApplicationRefused') && clock !== null && state.status !== 'awaiting_custody_forwarding' && state.decision;
  const due = nextDue(state);
  const base = {
    case_id: context.caseId,
    open: OPEN.includes(state.status),
    status: state.status,
    next_due_at: at(due?.at),
    next_due_kind: due?.kind ?? null,
    overdue_kinds: overdueKinds,
    ever_overdue: overdueKinds.length > 0,
    overdue_log: overdueLog,
    overdue_span: spanOf(overdueLog),
    provisional_years: provisionalYearsOf(state),
    decision_clock: clock,
    ...(decided ? { decision_working_days: workingDaysToDecision(clock, new Date(state.decision.at), context.calendar) } : {}),
    file_state: state,
    revision: String(context.revision),
    updated_at: context.recordedAt,
  };
  if (state.status === 'awaiting_custody_forwarding') {
    return {
      ...emptyRow(),
      ...base,
      kind: 'announced',
      parties: [state.receivingOrganisationId],
      worklist_orgs: [state.receivingOrganisationId],
      receiving_org: state.receivingOrganisationId,
      channel: 'custody_forwarding',
      received_at: new Date(state.receivedByAuthorityAt),
      overdue_recorded: state.forwardingOverdue,
    };
  }
  const transfer = state.transfer;
  const transferredOut = transfer !== null && transfer.receivedAt !== null;
  const parties = [...new Set([state.receivingOrganisationId, state.holderOfficeId, state.competentOfficeId, ...(transfer ? [transfer.fromOfficeId] : [])])];
  const worklist = transferredOut ? [state.holderOfficeId] : [...new Set([state.receivingOrganisationId, state.holderOfficeId, state.competentOfficeId])];
  const recipient = state.recipient;
  const overdueRecorded =
    (state.review?.overdueFor ?? null) !== null || state.assignmentOverdueFor !== null || (state.objection?.overdueFor ?? null) !== null;
  return {
    ...(before ?? emptyRow()),
    ...base,
    kind: state.kind,
    application_number: state.application?.applicationNumber ?? null,
    parties,
    worklist_orgs: worklist,
    receiving_org: state.receivingOrganisationId,
    receiving_office: before?.receiving_office ?? (event.type === 'ApplicationSubmitted' ? event.data.holderOfficeId : state.holderOfficeId),
    competent_office: state.competentOfficeId,
    holder_office: state.holderOfficeId,
    transferred_from: transfer?.fromOfficeId ?? null,
    transferred_to: transfer?.toOfficeId ?? null,
    transferred_at: at(transfer?.transferredAt),
    transfer_received_at: at(transfer?.receivedAt),
    channel: state.application?.channel.kind ?? 'notification',
    matter_type: state.application?.matterType ?? null,
    green_channel: state.greenChannel.length > 0,
    custody_late: state.application?.custody?.late ?? false,
    recipient_name: recipient.name,
    recipient_document_type: recipient.document.type,
    recipient_document_masked: recipient.document.type === 'unknown' ? null : recipient.document.number,
    recipient_birth_date: recipient.birthDate ?? before?.recipient_birth_date ?? null,
    recipient_phone_masked: recipient.phone,
    ...(persons
      ? {
          recipient_identity_hash: identityHash(context.hashKey, persons.recipient.document),
          applicant_identity_hash: persons.applicant ? identityHash(context.hashKey, persons.applicant.document) : null,
          recipient_birth_date: birthDateOf(persons.recipient),
        }
      : {}),
    opposing_party: state.opposingParty,
    received_at: new Date(state.receivedAt),
    overdue_recorded: overdueRecorded,
    approved_at: state.decision?.kind === 'approved' ? new Date(state.decision.at) : null,
    refused_at: state.decision?.kind === 'refused' ? new Date(state.decision.at) : null,
    withdrawn_at: state.status === 'withdrawn' ? at(state.endedAt) : null,
    deemed_withdrawn_at: state.status === 'deemed_withdrawn' ? at(state.endedAt) : null,
    preliminary_aid_at: at(state.preliminaryAid?.decidedAt),
    lawyer_id: state.lawyer?.lawyerId ?? null,
    firm_id: state.lawyer?.firmId ?? null,
    closed_at: at(state.closing?.at),
    quality_grade: state.quality?.grade ?? null,
    quality_reviewed_at: at(state.quality?.at),
  };
}

/** The masked state a row holds (an object read back from jsonb, or kept in memory within a batch). */
export function stateOf(row: LegalAidFileRow): LegalAidState {
  const stored = row.file_state;
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as LegalAidState;
}

function emptyRow(): Omit<LegalAidFileRow, 'case_id' | 'kind' | 'status' | 'open' | 'parties' | 'worklist_orgs' | 'receiving_org' | 'received_at' | 'next_due_at' | 'next_due_kind' | 'overdue_recorded' | 'ever_overdue' | 'overdue_kinds' | 'overdue_log' | 'overdue_span' | 'provisional_years' | 'decision_clock' | 'file_state' | 'revision' | 'updated_at'> {
  return {
    application_number: null, receiving_office: null, competent_office: null, holder_office: null, transferred_from: null, transferred_to: null,
    transferred_at: null, transfer_received_at: null, channel: null, matter_type: null, green_channel: false, custody_late: false,
    recipient_name: null, recipient_document_type: null, recipient_document_masked: null, recipient_identity_hash: null, applicant_identity_hash: null,
    recipient_birth_date: null, recipient_phone_masked: null, opposing_party: null, approved_at: null, refused_at: null, withdrawn_at: null,
    deemed_withdrawn_at: null, preliminary_aid_at: null, lawyer_id: null, firm_id: null, closed_at: null, quality_grade: null, quality_reviewed_at: null,
    decision_working_days: null,
  };
}
