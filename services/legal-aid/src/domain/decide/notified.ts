// 通知辩护 / 通知代理 (Arts. 25, 28, 35-36): a court, procuratorate or public security organ notifies the
// office where it sits. No application, no review, no hardship check: a lawyer within 3 days of the notice
// (NOTIFIED_ASSIGNMENT_WORKING_DAYS), and the authority is told who.
import type { ReceiveNotification, RecordAuthorityInformed } from '../commands.js';
import { officeAt, officeOf } from '../competence.js';
import { deadlineFrom } from '../deadlines.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { AuthorityInformed, NotificationReceived } from '../events.js';
import { instant, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';

export function receiveNotification({ data: c }: ReceiveNotification, state: LegalAidState, context: DecisionContext): NotificationReceived[] {
  if (state.status !== 'none') throw new LegalAidRuleBroken('already_exists');
  const office = officeOf(context.offices, context.organisation.id);
  if (office === undefined) throw new LegalAidRuleBroken('not_a_receiving_organisation');
  // Art. 38 for notices: the office where the notifying authority sits.
  if (officeAt(context.offices, c.notifyingAuthority.sits) !== office) throw new LegalAidRuleBroken('not_competent_office');
  const { now, rules } = context;
  return [
    {
      type: 'NotificationReceived',
      data: {
        caseId: c.caseId,
        officeId: office,
        notifyingAuthority: { kind: c.notifyingAuthority.kind, name: requireText(c.notifyingAuthority.name), sits: c.notifyingAuthority.sits },
        ground: c.ground,
        capitalCase: c.capitalCase || c.ground === 'possible_life_or_death_sentence' || c.ground === 'death_penalty_review',
        defendant: c.defendant,
        charge: requireText(c.charge),
        noticeReceivedAt: instant(now),
        assignment: deadlineFrom(rules, rules.limits.notifiedAssignment, now),
      },
    },
  ];
}

/** Once the lawyer is assigned; telling the authority again records nothing more. */
export function recordAuthorityInformed({ data: c }: RecordAuthorityInformed, state: LegalAidState, context: DecisionContext): AuthorityInformed[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.notification === null) throw new LegalAidRuleBroken('not_notified_case');
  if (file.lawyer === null) throw new LegalAidRuleBroken('not_aided');
  if (file.notification.authorityInformedAt !== null) return [];
  return [{ type: 'AuthorityInformed', data: { informedAt: instant(context.now), method: requireText(c.method) } }];
}
