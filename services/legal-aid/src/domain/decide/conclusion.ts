// The end of aid: terminated (Art. 48, ground named, on the lawyer's report or the office's own finding;
// open to objection, Art. 49), closed with an outcome (Art. 50), followed up with the recipient (Art. 59),
// graded by peer review (同行评估: 优秀 / 良好 / 合格 / 不合格).
import type { CloseCase, RecordFollowUp, ReviewQuality, TerminateAid } from '../commands.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { AidTerminated, CaseClosed, FollowUpRecorded, QualityReviewed } from '../events.js';
import { instant, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';
import { rightToObject } from './decision.js';

export function terminateAid({ data: c }: TerminateAid, state: LegalAidState, context: DecisionContext): AidTerminated[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'aided' && file.status !== 'approved') throw new LegalAidRuleBroken('not_aided');
  return [
    {
      type: 'AidTerminated',
      data: {
        ground: c.ground,
        basis: c.basis,
        explanation: requireText(c.explanation),
        terminatedAt: instant(context.now),
        rightToObject: rightToObject(context.rules, context.now),
      },
    },
  ];
}

export function closeCase({ data: c }: CloseCase, state: LegalAidState, context: DecisionContext): CaseClosed[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'aided') throw new LegalAidRuleBroken('not_aided');
  return [{ type: 'CaseClosed', data: { outcome: c.outcome, summary: requireText(c.summary), closedAt: instant(context.now) } }];
}

/** A retried follow-up (same id) records nothing more. */
export function recordFollowUp({ data: c }: RecordFollowUp, state: LegalAidState, context: DecisionContext): FollowUpRecorded[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'closed') throw new LegalAidRuleBroken('not_closed');
  if (file.followUpIds.includes(c.followUpId)) return [];
  return [
    { type: 'FollowUpRecorded', data: { followUpId: requireText(c.followUpId), satisfied: c.satisfied, note: requireText(c.note), recordedAt: instant(context.now) } },
  ];
}

export function reviewQuality({ data: c }: ReviewQuality, state: LegalAidState, context: DecisionContext): QualityReviewed[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'closed') throw new LegalAidRuleBroken('not_closed');
  if (file.quality !== null) throw new LegalAidRuleBroken('quality_already_reviewed');
  return [{ type: 'QualityReviewed', data: { grade: c.grade, note: requireText(c.note), reviewedAt: instant(context.now) } }];
}
