// evolve: (state, event) -> state. Pure and total: an event that does not fit the state leaves it as it
// is (the decider never writes one; a stray one from elsewhere must not break a fold).
import type { LegalAidEvent } from './events.js';
import { evolveDecisions } from './evolve/decisions.js';
import { evolveIntake } from './evolve/intake.js';
import { evolveRecount } from './evolve/recount.js';
import { evolveReview } from './evolve/review.js';
import { initialState, type LegalAidState } from './state.js';

export function evolve(state: LegalAidState, event: LegalAidEvent): LegalAidState {
  switch (event.type) {
    case 'CustodyApplicationAnnounced':
    case 'ApplicationSubmitted':
    case 'NotificationReceived':
    case 'CompetenceOverridden':
    case 'ApplicationTransferred':
    case 'TransferredApplicationReceived':
    case 'CustodyForwardingOverdue':
      return evolveIntake(state, event);
    case 'MaterialsRequested':
    case 'MaterialsSupplied':
    case 'ApplicationDeemedWithdrawn':
    case 'ApplicationWithdrawn':
    case 'EconomicStatusRecorded':
    case 'PreliminaryAidDecided':
    case 'ApplicationApproved':
    case 'ApplicationRefused':
    case 'ReviewOverdue':
      return evolveReview(state, event);
    case 'LawyerAssigned':
    case 'AuthorityInformed':
    case 'AssignmentOverdue':
    case 'ObjectionFiled':
    case 'ObjectionUpheld':
    case 'CorrectionOrdered':
    case 'ObjectionDecisionOverdue':
    case 'AidTerminated':
    case 'CaseClosed':
    case 'FollowUpRecorded':
    case 'QualityReviewed':
      return evolveDecisions(state, event);
    case 'DeadlinesRecomputed':
      return evolveRecount(state, event);
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function foldLegalAid(events: readonly LegalAidEvent[]): LegalAidState {
  return events.reduce(evolve, initialState());
}
