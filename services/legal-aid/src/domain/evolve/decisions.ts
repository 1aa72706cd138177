// evolve for assignment, objection, termination, closing, follow-up and quality review.
import type {
  AidTerminated,
  AssignmentOverdue,
  AuthorityInformed,
  CaseClosed,
  CorrectionOrdered,
  FollowUpRecorded,
  LawyerAssigned,
  ObjectionDecisionOverdue,
  ObjectionFiled,
  ObjectionUpheld,
  QualityReviewed,
} from '../events.js';
import type { LawyerRecord, LegalAidState } from '../state.js';

type DecisionEvent =
  | LawyerAssigned
  | AuthorityInformed
  | AssignmentOverdue
  | ObjectionFiled
  | ObjectionUpheld
  | CorrectionOrdered
  | ObjectionDecisionOverdue
  | AidTerminated
  | CaseClosed
  | FollowUpRecorded
  | QualityReviewed;

function lawyerOf({ data: e }: LawyerAssigned): LawyerRecord {
  return {
    lawyerId: e.lawyerId,
    firmId: e.firmId,
    relevantPracticeYears: e.relevantPracticeYears,
    assignedAt: e.assignedAt,
    onTime: e.onTime,
    preliminary: e.preliminary,
    conflicts: e.conflicts,
  };
}

export function evolveDecisions(state: LegalAidState, event: DecisionEvent): LegalAidState {
  switch (event.type) {
    case 'LawyerAssigned':
      // Preliminary aid (Art. 44): the lawyer acts while the review goes on.
      if (state.status === 'in_review') return { ...state, lawyer: lawyerOf(event), assignmentDue: null };
      if (state.status !== 'approved' && state.status !== 'notified') return state;
      return { ...state, status: 'aided', lawyer: lawyerOf(event), assignmentDue: null };
    case 'AuthorityInformed':
      if (state.status === 'none' || state.status === 'awaiting_custody_forwarding' || state.notification === null) return state;
      return { ...state, notification: { ...state.notification, authorityInformedAt: event.data.informedAt } };
    case 'AssignmentOverdue':
      if (state.status === 'none' || state.status === 'awaiting_custody_forwarding') return state;
      return { ...state, assignmentOverdueFor: event.data.dueAt };
    case 'ObjectionFiled': {
      if (state.status !== 'refused' && state.status !== 'terminated') return state;
      const { against, grounds, filedAt, decision } = event.data;
      return { ...state, status: 'objection_pending', objection: { against, grounds, filedAt, decision, overdueFor: null, outcome: null } };
    }
    case 'ObjectionUpheld':
      if (state.status !== 'objection_pending') return state;
      return { ...state, status: state.objection.against === 'refusal' ? 'refused' : 'terminated', objection: { ...state.objection, outcome: 'upheld' } };
    case 'CorrectionOrdered': {
      if (state.status !== 'objection_pending') return state;
      const objection = { ...state.objection, outcome: 'correction_ordered' as const };
      const { review } = event.data;
      if (review !== null) {
        // A corrected refusal reopens the review, on a fresh clock from the order.
        const clock = { current: review, pausedAt: null, remaining: null, materialsRequested: false, overdueFor: null };
        return { ...state, status: 'in_review', review: clock, decision: null, objection, endedAt: null };
      }
      // A corrected termination reinstates the aid with the lawyer who acted.
      if (state.lawyer === null) {
        const reinstated = { termination: null, objection, endedAt: null, assignmentDue: event.data.assignment, assignmentOverdueFor: null };
        return { ...state, status: 'approved', lawyer: null, ...reinstated };
      }
      return { ...state, status: 'aided', lawyer: state.lawyer, termination: null, objection, endedAt: null };
    }
    case 'ObjectionDecisionOverdue':
      if (state.status !== 'objection_pending') return state;
      return { ...state, objection: { ...state.objection, overdueFor: event.data.dueAt } };
    case 'AidTerminated': {
      if (state.status !== 'aided' && state.status !== 'approved') return state;
      const { ground, basis, explanation, terminatedAt } = event.data;
      return { ...state, status: 'terminated', termination: { ground, basis, explanation, at: terminatedAt }, assignmentDue: null, objection: null, endedAt: terminatedAt };
    }
    case 'CaseClosed':
      if (state.status !== 'aided') return state;
      return { ...state, status: 'closed', closing: { outcome: event.data.outcome, summary: event.data.summary, at: event.data.closedAt }, endedAt: event.data.closedAt };
    case 'FollowUpRecorded':
      if (state.status !== 'closed') return state;
      return { ...state, followUpIds: [...state.followUpIds, event.data.followUpId] };
    case 'QualityReviewed':
      if (state.status !== 'closed') return state;
      return { ...state, quality: { grade: event.data.grade, note: event.data.note, at: event.data.reviewedAt } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
