// evolve for the review (审查): materials, economic status, preliminary aid, the decision, withdrawal.
import type {
  ApplicationApproved,
  ApplicationDeemedWithdrawn,
  ApplicationRefused,
  ApplicationWithdrawn,
  EconomicStatusRecorded,
  MaterialsRequested,
  MaterialsSupplied,
  PreliminaryAidDecided,
  ReviewOverdue,
} from '../events.js';
import type { LegalAidState } from '../state.js';

type ReviewEvent =
  | MaterialsRequested
  | MaterialsSupplied
  | ApplicationDeemedWithdrawn
  | ApplicationWithdrawn
  | EconomicStatusRecorded
  | PreliminaryAidDecided
  | ApplicationApproved
  | ApplicationRefused
  | ReviewOverdue;

export function evolveReview(state: LegalAidState, event: ReviewEvent): LegalAidState {
  switch (event.type) {
    case 'MaterialsRequested': {
      if (state.status !== 'in_review') return state;
      const { items, requestedAt, reviewRemaining, materialsDue } = event.data;
      return {
        ...state,
        status: 'awaiting_materials',
        review: { ...state.review, pausedAt: requestedAt, remaining: reviewRemaining, materialsRequested: true },
        materials: { items, requestedAt, due: materialsDue, suppliedAt: null, outstanding: items },
      };
    }
    case 'MaterialsSupplied': {
      if (state.status !== 'awaiting_materials') return state;
      const { suppliedAt, outstanding, review } = event.data;
      return {
        ...state,
        status: 'in_review',
        review: { ...state.review, current: review, pausedAt: null, remaining: null, overdueFor: null },
        materials: { ...state.materials, suppliedAt, outstanding },
      };
    }
    case 'ApplicationDeemedWithdrawn':
      return state.status === 'awaiting_materials' ? { ...state, status: 'deemed_withdrawn', endedAt: event.data.recordedAt } : state;
    case 'ApplicationWithdrawn':
      return state.status === 'in_review' || state.status === 'awaiting_materials'
        ? { ...state, status: 'withdrawn', endedAt: event.data.withdrawnAt }
        : state;
    case 'EconomicStatusRecorded':
      return state.status === 'in_review' || state.status === 'awaiting_materials' ? { ...state, economicStatus: event.data.status } : state;
    case 'PreliminaryAidDecided':
      if (state.status !== 'in_review') return state;
      return { ...state, preliminaryAid: { ground: event.data.ground, decidedAt: event.data.decidedAt }, assignmentDue: event.data.assignment, assignmentOverdueFor: null };
    case 'ApplicationApproved': {
      if (state.status !== 'in_review') return state;
      const decision = { kind: 'approved' as const, at: event.data.approvedAt, onTime: event.data.onTime, reasons: null };
      if (state.lawyer !== null) return { ...state, status: 'aided', lawyer: state.lawyer, decision, assignmentDue: null };
      return { ...state, status: 'approved', lawyer: null, decision, assignmentDue: event.data.assignment, assignmentOverdueFor: null };
    }
    case 'ApplicationRefused':
      if (state.status !== 'in_review') return state;
      return {
        ...state,
        status: 'refused',
        decision: { kind: 'refused', at: event.data.refusedAt, onTime: event.data.onTime, reasons: event.data.reasons },
        assignmentDue: null,
        objection: null,
      };
    case 'ReviewOverdue':
      if (state.status !== 'in_review') return state;
      return { ...state, review: { ...state.review, overdueFor: event.data.dueAt } };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
