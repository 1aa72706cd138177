// Competence after receipt: a supervisor's override (with a reason), the transfer to the competent office
// (移送, 市域通办) and its receipt there. The competent office reviews as if it had received the
// application directly: its clock counts from the ORIGINAL receipt, on its own limit.
import type { OverrideCompetence, ReceiveTransferredApplication, TransferApplication } from '../commands.js';
import { officeOf } from '../competence.js';
import { deadlineFrom } from '../deadlines.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { ApplicationTransferred, CompetenceOverridden, TransferredApplicationReceived } from '../events.js';
import { instant, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { InReview, LegalAidState } from '../state.js';

function inReviewHeldBy(state: LegalAidState, context: DecisionContext): InReview {
  const file = requireFile(state);
  if (file.status !== 'in_review') throw new LegalAidRuleBroken('not_in_review');
  const inTransit = file.transfer !== null && file.transfer.receivedAt === null;
  if (inTransit || officeOf(context.offices, context.organisation.id) !== file.holderOfficeId) throw new LegalAidRuleBroken('not_holding_office');
  return file;
}

/** A supervisor of the office holding the file names another competent office, with a reason. */
export function overrideCompetence({ data: c }: OverrideCompetence, state: LegalAidState, context: DecisionContext): CompetenceOverridden[] {
  const file = inReviewHeldBy(state, context);
  if (officeOf(context.offices, c.competentOfficeId) !== c.competentOfficeId) throw new LegalAidRuleBroken('no_competent_office');
  if (c.competentOfficeId === file.competentOfficeId) throw new LegalAidRuleBroken('override_same_office');
  return [
    {
      type: 'CompetenceOverridden',
      data: { previousOfficeId: file.competentOfficeId, competentOfficeId: c.competentOfficeId, reason: requireText(c.reason), overriddenAt: instant(context.now) },
    },
  ];
}

export function transferApplication(_: TransferApplication, state: LegalAidState, context: DecisionContext): ApplicationTransferred[] {
  const file = inReviewHeldBy(state, context);
  if (file.competentOfficeId === file.holderOfficeId) throw new LegalAidRuleBroken('transfer_not_needed');
  return [{ type: 'ApplicationTransferred', data: { fromOfficeId: file.holderOfficeId, toOfficeId: file.competentOfficeId, transferredAt: instant(context.now) } }];
}

export function receiveTransferredApplication(
  _: ReceiveTransferredApplication,
  state: LegalAidState,
  context: DecisionContext,
): TransferredApplicationReceived[] {
  const file = requireFile(state);
  if (file.status !== 'in_review') throw new LegalAidRuleBroken('not_in_review');
  const office = officeOf(context.offices, context.organisation.id);
  if (file.transfer === null || file.transfer.receivedAt !== null || office !== file.transfer.toOfficeId) {
    throw new LegalAidRuleBroken('not_transfer_target');
  }
  const { limits } = context.rules;
  const limit = file.greenChannel.length > 0 ? limits.greenChannelReview : limits.review;
  return [
    {
      type: 'TransferredApplicationReceived',
      data: { officeId: office, receivedAt: instant(context.now), review: deadlineFrom(context.rules, limit, new Date(file.receivedAt)) },
    },
  ];
}
