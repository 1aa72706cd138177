// Which durable timers a legal-aid event starts, pauses, resumes, cancels or shows fired. Pure: the rule
// @bureau/durable-timers folds (TimerRules). Every counted limit is started from what the event recorded
// (unit, amount, counted from), so the timer's due moment is the one the file shows. The review clock is
// paused by MaterialsRequested and resumed by MaterialsSupplied with what was left (Civil Code Art. 201
// counting, in the package); a transfer received restarts it from the ORIGINAL receipt on the receiving
// office's limit.
import type { TimerChange, TimerRules } from '@bureau/durable-timers/arithmetic';
import type { DeadlineRecord, LegalAidEvent } from '../domain/index.js';
import { legalAidStreamCategory } from '../domain/index.js';

/**
 * One timer of each kind per file. `assignment` serves Art. 43 (3 days from approval), notified cases
 * (3 days from the notice) and preliminary aid (at once); a file has at most one assignment pending.
 */
export const legalAidTimerKinds = ['review', 'materials', 'assignment', 'objection', 'custody_forwarding'] as const;
export type LegalAidTimerKind = (typeof legalAidTimerKinds)[number];

type Change = TimerChange<LegalAidTimerKind>;

const start = (timer: LegalAidTimerKind, record: DeadlineRecord): Change => ({
  kind: 'start',
  timer,
  deadline: { unit: record.unit, amount: record.amount },
  from: record.countedFrom,
});
const cancel = (timer: LegalAidTimerKind): Change => ({ kind: 'cancel', timer });
const fired = (timer: LegalAidTimerKind, dueAt: string): Change => ({ kind: 'fired', timer, dueAt });

/**
 * The event types that start, stop or show no timer (the cases of timerChangesOf answering []): the
 * timers' projection passes them by without reading their data (a file's later life, closing,
 * follow-up and quality review, is most of its events, and each was parsed and validated for nothing).
 */
export const typesWithoutTimers: ReadonlySet<string> = new Set<LegalAidEvent['type']>([
  'CompetenceOverridden', 'ApplicationTransferred', 'EconomicStatusRecorded', 'AuthorityInformed', 'CaseClosed', 'FollowUpRecorded', 'QualityReviewed',
]);

export function timerChangesOf(event: LegalAidEvent): Change[] {
  switch (event.type) {
    case 'CustodyApplicationAnnounced':
      return [start('custody_forwarding', event.data.forwarding)];
    case 'ApplicationSubmitted':
      return [cancel('custody_forwarding'), start('review', event.data.review)];
    case 'TransferredApplicationReceived':
      return [start('review', event.data.review)];
    case 'MaterialsRequested':
      return [{ kind: 'pause', timer: 'review', at: event.data.requestedAt }, start('materials', event.data.materialsDue)];
    case 'MaterialsSupplied':
      return [cancel('materials'), { kind: 'resume', timer: 'review', at: event.data.suppliedAt }];
    case 'ApplicationDeemedWithdrawn':
      return [fired('materials', event.data.dueAt), cancel('review')];
    case 'ApplicationWithdrawn':
      return [cancel('review'), cancel('materials'), cancel('assignment')];
    case 'PreliminaryAidDecided':
      return [start('assignment', event.data.assignment)];
    case 'ApplicationApproved':
      return event.data.assignment === null ? [cancel('review')] : [cancel('review'), start('assignment', event.data.assignment)];
    case 'ApplicationRefused':
      return [cancel('review'), cancel('assignment')];
    case 'NotificationReceived':
      return [start('assignment', event.data.assignment)];
    case 'LawyerAssigned':
      return [cancel('assignment')];
    case 'ObjectionFiled':
      return [start('objection', event.data.decision)];
    case 'ObjectionUpheld':
      return [cancel('objection')];
    case 'CorrectionOrdered': {
      const { review, assignment } = event.data;
      return [cancel('objection'), ...(review ? [start('review', review)] : []), ...(assignment ? [start('assignment', assignment)] : [])];
    }
    case 'AidTerminated':
      return [cancel('assignment')];
    case 'ReviewOverdue':
      return [fired('review', event.data.dueAt)];
    case 'AssignmentOverdue':
      return [fired('assignment', event.data.dueAt)];
    case 'ObjectionDecisionOverdue':
      return [fired('objection', event.data.dueAt)];
    case 'CustodyForwardingOverdue':
      return [fired('custody_forwarding', event.data.dueAt)];
    case 'DeadlinesRecomputed':
      // Counted again on the calendar now in force: each running timer starts again from what it counts from.
      return event.data.limits.map(({ limit, deadline }) => start(limit, deadline));
    case 'CompetenceOverridden':
    case 'ApplicationTransferred': // the clock keeps counting from the original receipt
    case 'EconomicStatusRecorded':
    case 'AuthorityInformed':
    case 'CaseClosed':
    case 'FollowUpRecorded':
    case 'QualityReviewed':
      return [];
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The command each timer fires (with the due time it was set for): what the service's `fire` runs. */
export function timerCommandOf(kind: LegalAidTimerKind, dueAt: Date) {
  switch (kind) {
    case 'review':
      return { type: 'RecordReviewOverdue', data: { dueAt } } as const;
    case 'materials':
      return { type: 'RecordDeemedWithdrawn', data: { dueAt } } as const;
    case 'assignment':
      return { type: 'RecordAssignmentOverdue', data: { dueAt } } as const;
    case 'objection':
      return { type: 'RecordObjectionDecisionOverdue', data: { dueAt } } as const;
    case 'custody_forwarding':
      return { type: 'RecordCustodyForwardingOverdue', data: { dueAt } } as const;
    default: {
      const unknown: never = kind;
      return unknown;
    }
  }
}

/**
 * The rule as @bureau/durable-timers reads it. `toEvent` turns a stored event into the domain's (the
 * service passes its event registry's `fromRecorded`, which upcasts and validates).
 */
export function legalAidTimerRules(toEvent: (recorded: Parameters<TimerRules['changesOf']>[0]) => LegalAidEvent): TimerRules<LegalAidTimerKind> {
  const prefix = `${legalAidStreamCategory}-`;
  return {
    streamCategories: [legalAidStreamCategory],
    subjectOf: (recorded) => (recorded.streamName.startsWith(prefix) ? recorded.streamName.slice(prefix.length) : undefined),
    changesOf: (recorded) => (typesWithoutTimers.has(recorded.type) ? [] : timerChangesOf(toEvent(recorded))),
  };
}
