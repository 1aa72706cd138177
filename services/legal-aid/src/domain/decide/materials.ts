// 一次性告知 (Art. 43): everything missing is listed at once, once per review; the review clock stops
// with what was left (in its own unit, Civil Code Art. 201 counting); materials supplied resume it with
// that time left. Not supplied in the configured period: 视为撤回 (recorded by the timer, overdue.ts).
import type { RequestMaterials, SupplyMaterials, WithdrawApplication } from '../commands.js';
import { officeOf } from '../competence.js';
import { deadlineFrom, remainingOf, resumedDeadline } from '../deadlines.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { ApplicationWithdrawn, MaterialsRequested, MaterialsSupplied } from '../events.js';
import { instant, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';

function itemsOf(items: readonly string[]): string[] {
  const trimmed = items.map((item) => item.trim());
  if (trimmed.length === 0 || trimmed.some((item) => item === '')) throw new LegalAidRuleBroken('materials_items_required');
  return [...new Set(trimmed)];
}

export function requestMaterials({ data: c }: RequestMaterials, state: LegalAidState, context: DecisionContext): MaterialsRequested[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status === 'awaiting_materials') throw new LegalAidRuleBroken('materials_already_requested');
  if (file.status !== 'in_review') throw new LegalAidRuleBroken('not_in_review');
  if (file.review.materialsRequested) throw new LegalAidRuleBroken('materials_already_requested');
  const items = itemsOf(c.items);
  const { now, rules } = context;
  return [
    {
      type: 'MaterialsRequested',
      data: {
        items,
        requestedAt: instant(now),
        reviewRemaining: remainingOf(rules, file.review.current, now),
        materialsDue: deadlineFrom(rules, rules.limits.materials, now),
      },
    },
  ];
}

/** Resumes the review clock whatever was handed in; items still outstanding are recorded for the reviewer. */
export function supplyMaterials({ data: c }: SupplyMaterials, state: LegalAidState, context: DecisionContext): MaterialsSupplied[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'awaiting_materials') throw new LegalAidRuleBroken('not_awaiting_materials');
  const items = itemsOf(c.items);
  const { now, rules } = context;
  return [
    {
      type: 'MaterialsSupplied',
      data: {
        items,
        outstanding: file.materials.items.filter((item) => !items.includes(item)),
        suppliedAt: instant(now),
        review: resumedDeadline(rules, file.review.current.unit, file.review.remaining ?? 0, now),
      },
    },
  ];
}

/** The applicant withdraws before a decision, at the office holding the file. */
export function withdrawApplication({ data: c }: WithdrawApplication, state: LegalAidState, context: DecisionContext): ApplicationWithdrawn[] {
  const file = requireFile(state);
  if (file.status !== 'in_review' && file.status !== 'awaiting_materials') throw new LegalAidRuleBroken('not_in_review');
  if (officeOf(context.offices, context.organisation.id) !== file.holderOfficeId) throw new LegalAidRuleBroken('not_holding_office');
  return [{ type: 'ApplicationWithdrawn', data: { reason: requireText(c.reason), withdrawnAt: instant(context.now) } }];
}
