// decide: (command, state, context) -> events, or a LegalAidRuleBroken. Pure: `context.now` is the moment
// of the decision, `context.rules` the calendar and limits, `context.organisation` who acts, and
// `context.offices` the city's offices. An empty result means "already done" (a stale or repeated timer, a
// retried follow-up): the service appends nothing.
import type { LegalAidCommand } from './commands.js';
import { assignLawyer } from './decide/assignment.js';
import { closeCase, recordFollowUp, reviewQuality, terminateAid } from './decide/conclusion.js';
import { approveApplication, decidePreliminaryAid, refuseApplication } from './decide/decision.js';
import { recordEconomicStatus } from './decide/economic-status.js';
import { announceCustodyApplication, submitApplication } from './decide/intake.js';
import { requestMaterials, supplyMaterials, withdrawApplication } from './decide/materials.js';
import { receiveNotification, recordAuthorityInformed } from './decide/notified.js';
import { fileObjection, orderCorrection, upholdDecision } from './decide/objection.js';
import {
  recordAssignmentOverdue,
  recordCustodyForwardingOverdue,
  recordDeemedWithdrawn,
  recordObjectionDecisionOverdue,
  recordReviewOverdue,
} from './decide/overdue.js';
import { recomputeDeadlines } from './decide/recompute.js';
import { overrideCompetence, receiveTransferredApplication, transferApplication } from './decide/transfer.js';
import type { LegalAidEvent } from './events.js';
import type { DecisionContext } from './rules.js';
import type { LegalAidState } from './state.js';

export function decide(command: LegalAidCommand, state: LegalAidState, context: DecisionContext): LegalAidEvent[] {
  switch (command.type) {
    case 'AnnounceCustodyApplication':
      return announceCustodyApplication(command, state, context);
    case 'SubmitApplication':
      return submitApplication(command, state, context);
    case 'OverrideCompetence':
      return overrideCompetence(command, state, context);
    case 'TransferApplication':
      return transferApplication(command, state, context);
    case 'ReceiveTransferredApplication':
      return receiveTransferredApplication(command, state, context);
    case 'RequestMaterials':
      return requestMaterials(command, state, context);
    case 'SupplyMaterials':
      return supplyMaterials(command, state, context);
    case 'WithdrawApplication':
      return withdrawApplication(command, state, context);
    case 'RecordEconomicStatus':
      return recordEconomicStatus(command, state, context);
    case 'DecidePreliminaryAid':
      return decidePreliminaryAid(command, state, context);
    case 'ApproveApplication':
      return approveApplication(command, state, context);
    case 'RefuseApplication':
      return refuseApplication(command, state, context);
    case 'ReceiveNotification':
      return receiveNotification(command, state, context);
    case 'AssignLawyer':
      return assignLawyer(command, state, context);
    case 'RecordAuthorityInformed':
      return recordAuthorityInformed(command, state, context);
    case 'FileObjection':
      return fileObjection(command, state, context);
    case 'UpholdDecision':
      return upholdDecision(command, state, context);
    case 'OrderCorrection':
      return orderCorrection(command, state, context);
    case 'TerminateAid':
      return terminateAid(command, state, context);
    case 'CloseCase':
      return closeCase(command, state, context);
    case 'RecordFollowUp':
      return recordFollowUp(command, state, context);
    case 'ReviewQuality':
      return reviewQuality(command, state, context);
    case 'RecordReviewOverdue':
      return recordReviewOverdue(command, state, context);
    case 'RecordAssignmentOverdue':
      return recordAssignmentOverdue(command, state, context);
    case 'RecordObjectionDecisionOverdue':
      return recordObjectionDecisionOverdue(command, state, context);
    case 'RecordCustodyForwardingOverdue':
      return recordCustodyForwardingOverdue(command, state, context);
    case 'RecordDeemedWithdrawn':
      return recordDeemedWithdrawn(command, state, context);
    case 'RecomputeDeadlines':
      return recomputeDeadlines(command, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
