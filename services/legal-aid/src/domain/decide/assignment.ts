// 指派 (Art. 43: within 3 days of approval; notified cases within 3 days of the notice; preliminary aid
// at once). The conflict check warns and does not refuse; Art. 26 refuses a lawyer with fewer than three
// years' relevant practice for a possible life or death sentence or a death-penalty review, counted from
// the registry's record of the lawyer (who must be registered in the office's district and active).
import type { AssignLawyer } from '../commands.js';
import { conflictsOf, experiencedEnough, needsExperiencedLawyer } from '../conflicts.js';
import { LegalAidRuleBroken } from '../errors.js';
import { assignableLawyer, withRegistryFirms } from '../lawyer-registry/assignable.js';
import type { LawyerAssigned } from '../events.js';
import { instant, onTime, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { LegalAidState } from '../state.js';

export function assignLawyer({ data: c }: AssignLawyer, state: LegalAidState, context: DecisionContext): LawyerAssigned[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.lawyer !== null) throw new LegalAidRuleBroken('lawyer_already_assigned');
  const preliminary = file.status === 'in_review' && file.preliminaryAid !== null;
  if (file.status !== 'approved' && file.status !== 'notified' && !preliminary) throw new LegalAidRuleBroken('not_approved');
  const lawyer = assignableLawyer(c.registry, c.lawyerId, context.now);
  if (needsExperiencedLawyer(file.notification?.ground ?? null, file.capitalCase) && !experiencedEnough(lawyer)) {
    throw new LegalAidRuleBroken('art26_experience_required');
  }
  const assignedAt = instant(context.now);
  const dueAt = file.assignmentDue?.dueAt ?? null;
  return [
    {
      type: 'LawyerAssigned',
      data: {
        lawyerId: requireText(lawyer.lawyerId),
        firmId: requireText(lawyer.firmId),
        relevantPracticeYears: lawyer.relevantPracticeYears,
        assignedAt,
        dueAt,
        onTime: dueAt === null || onTime(assignedAt, dueAt),
        preliminary,
        conflicts: conflictsOf(lawyer, file.opposingParty, withRegistryFirms(c.registry, c.openCases)),
      },
    },
  ];
}
