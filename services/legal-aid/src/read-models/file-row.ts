// A file's read-model row from its (masked) state after each event. The decider's evolve is the fold, so
// the read side can never disagree with what the decider sees; the row only adds what lists need: who
// sees the file, what is due next, the overdue flags, masked personal data and keyed hashes.
import { birthDateOf } from '@bureau/person-schemas';
import { evolve, provisionalYearsOf, type LegalAidEvent, type LegalAidState, type Person } from '../domain/index.js';
import { identityHash, maskFreeText, maskPerson } from '../privacy/mask.js';
import type { WorkingCalendar } from '@bureau/working-calendar';
import { nameKeyOf, normalisedName } from './name-key.js';
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
  readonly hashKey: string;
  /** The official calendar, for the working days to a decision (statistics). */
  readonly calendar: WorkingCalendar;
}

/** One event of the file's stream, with where and when it was recorded. */
export interface RowEvent {
  readonly event: LegalAidEvent;
  readonly revision: bigint;
  readonly recordedAt: Date;
}

/** Which limit an overdue event is about; a notified case's assignment limit (3 days of the notice) is its own. */
function overdueKindOf(event: LegalAidEvent, state: LegalAidState): string | undefined {
  const kind = OVERDUE_EVENTS[event.type];
  if (kind === 'assignment' && state.status !== 'none' && state.status !== 'awaiting_custody_forwarding' && state.kind === 'notified') return 'notified_assignment';
  return kind;
}

type OverdueEntry = { kind: string; at: string };
const overdueLogOf = (row: LegalAidFileRow | undefined): OverdueEntry[] =>
  row ? [...((typeof row.overdue_log === 'string' ? JSON.parse(row.overdue_log) : row.overdue_log) as OverdueEntry[])] : [];
/** The moments the log's limits fell due, first to last, as a range (statistics find a month's overdue by it, indexed). */
function spanOf(log: readonly OverdueEntry[]): string | null {
  if (log.length === 0) return null;
  const moments = log.map((e) => new Date(e.at).getTime());
  return `[${new Date(Math.min(...moments)).toISOString()},${new Date(Math.max(...moments)).toISOString()}]`;
}
const clockOf = (row: LegalAidFileRow | undefined): DecisionClock | null =>
  row?.decision_clock ? ((typeof row.decision_clock === 'string' ? JSON.parse(row.decision_clock) : row.decision_clock) as DecisionClock) : null;

/**
 * What a row carries from event to event beyond the state: what depends on which event came (the
 * overdue log, the decision clock, the working days at the decision, the hashes of the persons the
 * receipt named), not only on where the state ended.
 */
interface Carried {
  overdueKinds: string[];
  overdueLog: OverdueEntry[];
  clock: DecisionClock | null;
  decisionWorkingDays: number | null;
  receivingOffice: string | null;
  birthDate: string | null;
  recipientHash: string | null;
  applicantHash: string | null;
}

const carriedFrom = (row: LegalAidFileRow | undefined): Carried => ({
  overdueKinds: [...(row?.overdue_kinds ?? [])],
  overdueLog: overdueLogOf(row),
  clock: clockOf(row),
  decisionWorkingDays: row?.decision_working_days ?? null,
  receivingOffice: row?.receiving_office ?? null,
  birthDate: row?.recipient_birth_date ?? null,
  recipientHash: row?.recipient_identity_hash ?? null,
  applicantHash: row?.applicant_identity_hash ?? null,
});

/** The row after `event`, from the row before (undefined for a new file). */
export function applyToRow(before: LegalAidFileRow | undefined, event: LegalAidEvent, context: RowContext & Omit<RowEvent, 'event'>): LegalAidFileRow | undefined {
  return applyEventsToRow(before, [{ event, revision: context.revision, recordedAt: context.recordedAt }], context);
}

/**
 * The row after `events` (in stream order), from the row before (undefined for a new file). The state is
 * folded as the decider folds it and masked once, at the end: evolve copies names, numbers and texts as
 * they come, so masking after the last event holds what masking after each would (a projection batch
 * holds many events of one file; masking, and building the row, once per file instead of per event is
 * most of a rebuild's saving).
 */
export function applyEventsToRow(before: LegalAidFileRow | undefined, events: readonly RowEvent[], context: RowContext): LegalAidFileRow | undefined {
  // jsonb reads back as the object it stored: the masked state folded so far.
  let state: LegalAidState = before ? stateOf(before) : { status: 'none' };
  const carried = carriedFrom(before);
  let last: RowEvent | undefined;
  for (const recorded of events) {
    const { event } = recorded;
    const next = evolve(state, event);
    // An event a file that does not exist yet ignores changes nothing.
    if (next.status === 'none') continue;
    state = next;
    last = recorded;
    noteEvent(carried, event, state, context);
  }
  const masked = maskedState(state);
  if (last === undefined || masked.status === 'none') return before;
  return rowOf(masked, carried, last, context);
}

/** What `event` (the state after it: `state`) adds to what the row carries. */
function noteEvent(carried: Carried, event: LegalAidEvent, state: Exclude<LegalAidState, { status: 'none' }>, context: RowContext): void {
  if (state.status === 'awaiting_custody_forwarding') {
    // An announced file's row starts empty: nothing about persons or offices is known yet.
    Object.assign(carried, { decisionWorkingDays: null, receivingOffice: null, birthDate: null, recipientHash: null, applicantHash: null });
  } else {
    carried.receivingOffice ??= event.type === 'ApplicationSubmitted' ? event.data.holderOfficeId : state.holderOfficeId;
    carried.birthDate = state.recipient.birthDate ?? carried.birthDate;
    const persons = personOf(event);
    if (persons) {
      carried.recipientHash = identityHash(context.hashKey, persons.recipient.document);
      carried.applicantHash = persons.applicant ? identityHash(context.hashKey, persons.applicant.document) : null;
      carried.birthDate = birthDateOf(persons.recipient);
    }
  }
  const overdueKind = overdueKindOf(event, state);
  if (overdueKind && !carried.overdueKinds.includes(overdueKind)) carried.overdueKinds.push(overdueKind);
  if (overdueKind && 'dueAt' in event.data && typeof event.data.dueAt === 'string') carried.overdueLog.push({ kind: overdueKind, at: event.data.dueAt });
  carried.clock = nextDecisionClock(carried.clock, state, context.calendar);
  const decided = (event.type === 'ApplicationApproved' || event.type === 'ApplicationRefused') && carried.clock !== null && state.status !== 'awaiting_custody_forwarding' && state.decision;
  if (decided) carried.decisionWorkingDays = workingDaysToDecision(carried.clock as DecisionClock, new Date(state.decision.at), context.calendar);
}

/** The row of the (masked) state, with what the events carried. */
function rowOf(state: Exclude<LegalAidState, { status: 'none' }>, carried: Carried, last: RowEvent, context: RowContext): LegalAidFileRow {
  const due = nextDue(state);
  // One literal with every column, in one order, for both kinds of row: the rows of a batch share a shape.
  // (Spreading a common part into each added the other columns one by one: most of the fold's time.)
  const file = state.status === 'awaiting_custody_forwarding' ? null : state;
  const transfer = file?.transfer ?? null;
  const transferredOut = transfer !== null && transfer.receivedAt !== null;
  const recipient = file?.recipient ?? null;
  const application = file?.application ?? null;
  const normalised = recipient === null ? null : normalisedName(recipient.name);
  return {
    case_id: context.caseId,
    kind: file ? file.kind : 'announced',
    application_number: application?.applicationNumber ?? null,
    status: state.status,
    open: OPEN.includes(state.status),
    parties: file
      ? [...new Set([file.receivingOrganisationId, file.holderOfficeId, file.competentOfficeId, ...(transfer ? [transfer.fromOfficeId] : [])])]
      : [state.receivingOrganisationId],
    worklist_orgs: !file
      ? [state.receivingOrganisationId]
      : transferredOut ? [file.holderOfficeId] : [...new Set([file.receivingOrganisationId, file.holderOfficeId, file.competentOfficeId])],
    receiving_org: state.receivingOrganisationId,
    receiving_office: carried.receivingOffice,
    competent_office: file?.competentOfficeId ?? null,
    holder_office: file?.holderOfficeId ?? null,
    transferred_from: transfer?.fromOfficeId ?? null,
    transferred_to: transfer?.toOfficeId ?? null,
    transferred_at: at(transfer?.transferredAt),
    transfer_received_at: at(transfer?.receivedAt),
    channel: file ? (application?.channel.kind ?? 'notification') : 'custody_forwarding',
    matter_type: application?.matterType ?? null,
    green_channel: file ? file.greenChannel.length > 0 : false,
    custody_late: application?.custody?.late ?? false,
    recipient_name: recipient?.name ?? null,
    name_normalised: normalised,
    name_key: normalised === null ? null : nameKeyOf(normalised),
    recipient_document_type: recipient?.document.type ?? null,
    recipient_document_masked: recipient === null || recipient.document.type === 'unknown' ? null : recipient.document.number,
    recipient_identity_hash: carried.recipientHash,
    applicant_identity_hash: carried.applicantHash,
    recipient_birth_date: carried.birthDate,
    recipient_phone_masked: recipient?.phone ?? null,
    opposing_party: file?.opposingParty ?? null,
    received_at: new Date(state.status === 'awaiting_custody_forwarding' ? state.receivedByAuthorityAt : state.receivedAt),
    next_due_at: at(due?.at),
    next_due_kind: due?.kind ?? null,
    overdue_recorded: state.status === 'awaiting_custody_forwarding'
      ? state.forwardingOverdue
      : (state.review?.overdueFor ?? null) !== null || state.assignmentOverdueFor !== null || (state.objection?.overdueFor ?? null) !== null,
    ever_overdue: carried.overdueKinds.length > 0,
    overdue_kinds: carried.overdueKinds,
    overdue_log: carried.overdueLog,
    overdue_span: spanOf(carried.overdueLog),
    provisional_years: provisionalYearsOf(state),
    decision_clock: carried.clock,
    decision_working_days: carried.decisionWorkingDays,
    approved_at: file?.decision?.kind === 'approved' ? new Date(file.decision.at) : null,
    refused_at: file?.decision?.kind === 'refused' ? new Date(file.decision.at) : null,
    withdrawn_at: file?.status === 'withdrawn' ? at(file.endedAt) : null,
    deemed_withdrawn_at: file?.status === 'deemed_withdrawn' ? at(file.endedAt) : null,
    preliminary_aid_at: at(file?.preliminaryAid?.decidedAt),
    lawyer_id: file?.lawyer?.lawyerId ?? null,
    firm_id: file?.lawyer?.firmId ?? null,
    closed_at: at(file?.closing?.at),
    quality_grade: file?.quality?.grade ?? null,
    quality_reviewed_at: at(file?.quality?.at),
    file_state: state,
    revision: String(last.revision),
    updated_at: last.recordedAt,
  };
}

/** The masked state a row holds (an object read back from jsonb, or kept in memory within a batch). */
export function stateOf(row: LegalAidFileRow): LegalAidState {
  const stored = row.file_state;
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as LegalAidState;
}
