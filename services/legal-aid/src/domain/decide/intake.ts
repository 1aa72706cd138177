// 受理: an application at any station in the city (市域通办), Art. 40's applicant and recipient, the
// channel it came by, Art. 39's custody forwarding, the competent office proposed by Art. 38, the green
// channel and the duplicate check (a warning). The review clock counts from receipt (Art. 43).
import type { AnnounceCustodyApplication, ChannelInput, SubmitApplication } from '../commands.js';
import { officeOf, proposeCompetentOffice } from '../competence.js';
import { deadlineFrom } from '../deadlines.js';
import { possibleDuplicates } from '../duplicates.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { ApplicationSubmitted, CustodyApplicationAnnounced } from '../events.js';
import { greenChannelGroundsOf } from '../green-channel.js';
import { at, instant, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';
import type { Channel, CompetenceFacts, CustodyForwarding } from '../vocabulary.js';

function receivingOffice({ organisation, offices }: DecisionContext): string {
  const office = officeOf(offices, organisation.id);
  if (office === undefined) throw new LegalAidRuleBroken('not_a_receiving_organisation');
  return office;
}

/** Art. 39: the authority says it has an application; its 24 clock hours run from its own receipt. */
export function announceCustodyApplication(
  { data: c }: AnnounceCustodyApplication,
  state: LegalAidState,
  context: DecisionContext,
): CustodyApplicationAnnounced[] {
  if (state.status !== 'none') throw new LegalAidRuleBroken('already_exists');
  receivingOffice(context);
  const receivedByAuthorityAt = instant(c.receivedByAuthorityAt);
  if (at(receivedByAuthorityAt) > context.now.getTime()) throw new LegalAidRuleBroken('received_before_authority');
  return [
    {
      type: 'CustodyApplicationAnnounced',
      data: {
        applicationId: c.applicationId,
        forwardingAuthority: requireText(c.forwardingAuthority, 'custody_facts_required'),
        receivedByAuthorityAt,
        announcedAt: instant(context.now),
        receivingOrganisationId: context.organisation.id,
        forwarding: deadlineFrom(context.rules, context.rules.limits.custodyForwarding, c.receivedByAuthorityAt),
      },
    },
  ];
}

function channelOf(input: ChannelInput): Channel {
  switch (input.kind) {
    case 'counter':
    case 'online':
      return { kind: input.kind };
    case 'hotline_referral':
      return { kind: input.kind, workOrderId: requireText(input.workOrderId) };
    case 'advisor_referral':
      return { kind: input.kind, ledgerEntryId: requireText(input.ledgerEntryId) };
    case 'custody_forwarding':
      return {
        kind: input.kind,
        forwardingAuthority: requireText(input.forwardingAuthority, 'custody_facts_required'),
        receivedByAuthorityAt: instant(input.receivedByAuthorityAt),
      };
    case 'authority_referral':
      return { kind: input.kind, authority: requireText(input.authority) };
    default: {
      const unknown: never = input;
      return unknown;
    }
  }
}

/**
 * Art. 39: the duty to forward within 24 hours is the authority's. Recorded, and late forwarding shown;
 * the office's own clock starts on arrival (= now) all the same.
 */
function custodyOf(channel: Channel, state: LegalAidState, context: DecisionContext): CustodyForwarding | null {
  if (channel.kind !== 'custody_forwarding') {
    if (state.status === 'awaiting_custody_forwarding') throw new LegalAidRuleBroken('custody_facts_required');
    return null;
  }
  if (state.status === 'awaiting_custody_forwarding' && state.forwardingAuthority !== channel.forwardingAuthority) {
    throw new LegalAidRuleBroken('custody_authority_mismatch');
  }
  const arrivedAt = instant(context.now);
  const received = at(channel.receivedByAuthorityAt);
  if (received > at(arrivedAt)) throw new LegalAidRuleBroken('received_before_authority');
  const limit = deadlineFrom(context.rules, context.rules.limits.custodyForwarding, new Date(received));
  return {
    forwardingAuthority: channel.forwardingAuthority,
    receivedByAuthorityAt: channel.receivedByAuthorityAt,
    arrivedAt,
    hoursTaken: Math.round((at(arrivedAt) - received) / 60_000) / 60,
    late: at(arrivedAt) > at(limit.dueAt),
  };
}

/** Art. 38: the rule's proposal, or the applicant's choice among several competent offices. */
function competenceOf(facts: CompetenceFacts, applicantChoice: string | null, context: DecisionContext) {
  const outcome = proposeCompetentOffice(facts, context.offices, applicantChoice);
  switch (outcome.kind) {
    case 'settled':
      return { facts, candidateOfficeIds: outcome.candidates, competentOfficeId: outcome.competentOfficeId, basis: outcome.basis };
    case 'no_competent_office':
    case 'applicant_choice_required':
    case 'choice_not_competent':
      throw new LegalAidRuleBroken(outcome.kind);
    default: {
      const unknown: never = outcome;
      return unknown;
    }
  }
}

export function submitApplication({ data: c }: SubmitApplication, state: LegalAidState, context: DecisionContext): ApplicationSubmitted[] {
  if (state.status !== 'none' && state.status !== 'awaiting_custody_forwarding') throw new LegalAidRuleBroken('already_exists');
  const holderOfficeId = receivingOffice(context);
  const channel = channelOf(c.channel);
  const custody = custodyOf(channel, state, context);
  const recipient = c.recipient ?? c.applicant;
  const greenChannel = greenChannelGroundsOf(recipient.groups, c.matterType);
  const { limits } = context.rules;
  const receivedAt = instant(context.now);
  return [
    {
      type: 'ApplicationSubmitted',
      data: {
        applicationId: c.applicationId,
        applicationNumber: requireText(c.applicationNumber),
        receivingOrganisationId: context.organisation.id,
        holderOfficeId,
        channel,
        custody,
        applicant: c.applicant,
        recipient,
        applicantRelation: c.recipient === null ? 'self' : c.applicantRelation,
        matterType: c.matterType,
        aidForm: c.aidForm,
        opposingParty: c.opposingParty,
        courtOrAuthority: c.courtOrAuthority,
        summary: requireText(c.summary),
        documents: [...c.documents],
        competence: competenceOf(c.competenceFacts, c.applicantChoice, context),
        greenChannel,
        possibleDuplicateOf: possibleDuplicates({ recipient, matterType: c.matterType, opposingParty: c.opposingParty }, c.openApplications),
        receivedAt,
        review: deadlineFrom(context.rules, greenChannel.length > 0 ? limits.greenChannelReview : limits.review, context.now),
      },
    },
  ];
}
