// 经济困难状况: verified by data sharing (Art. 41; the standard is the province's, Art. 34), by the
// applicant's personal pledge (告知承诺), exempt from verification with ground and proof (Art. 42), or not
// required at all (Art. 32); an Art. 42 or Art. 32 ground must fit the recipient's groups or the matter.
import type { PersonGroup } from '@bureau/person-schemas';
import type { EconomicStatusInput, RecordEconomicStatus } from '../commands.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { EconomicStatusRecorded } from '../events.js';
import { at, instant, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { AwaitingMaterials, InReview, LegalAidState } from '../state.js';
import type { Art32Ground, Art42Ground, EconomicStatus } from '../vocabulary.js';

/** Art. 32: what must be on file for each ground (a group of the recipient, or the matter). */
function art32Fits(ground: Art32Ground, file: InReview | AwaitingMaterials): boolean {
  const has = (group: PersonGroup) => file.recipient.groups.includes(group);
  switch (ground) {
    case 'martyr_reputation':
      return has('martyr_close_relative');
    case 'good_samaritan':
      return has('good_samaritan');
    case 'state_compensation_after_retrial_acquittal':
      return file.application?.matterType === 'state_compensation';
    case 'abuse_abandonment_or_domestic_violence':
      return has('abuse_or_domestic_violence_victim');
    case 'other_by_law':
      return true;
    default: {
      const unknown: never = ground;
      return unknown;
    }
  }
}

/** Art. 42: the exemption's ground must be on file (the recipient's groups, or the matter); the proof is named too. */
function art42Fits(ground: Art42Ground, file: InReview | AwaitingMaterials): boolean {
  const has = (group: PersonGroup) => file.recipient.groups.includes(group);
  switch (ground) {
    case 'minor_elderly_or_disabled_without_fixed_income':
      return (has('minor') || has('elderly') || has('disabled')) && has('no_fixed_income');
    case 'social_or_judicial_assistance_or_preferential_care':
      return has('social_assistance_recipient') || has('judicial_assistance_recipient') || has('preferential_care_recipient');
    case 'migrant_worker_wages_or_work_injury':
      return has('migrant_worker') && (file.application?.matterType === 'employment_or_wages' || file.application?.matterType === 'personal_injury');
    case 'other_by_law':
      return true;
    default: {
      const unknown: never = ground;
      return unknown;
    }
  }
}

function statusOf(input: EconomicStatusInput, file: InReview | AwaitingMaterials, now: Date): EconomicStatus {
  switch (input.kind) {
    case 'data_sharing':
      return { kind: input.kind, meetsStandard: input.meetsStandard, source: requireText(input.source), reference: input.reference };
    case 'personal_pledge': {
      const pledgeSignedAt = instant(input.pledgeSignedAt);
      if (at(pledgeSignedAt) > now.getTime()) throw new LegalAidRuleBroken('invalid_time');
      return { kind: input.kind, pledgeSignedAt };
    }
    case 'art42_exempt': {
      const proof = requireText(input.proof, 'art42_proof_required');
      if (!art42Fits(input.ground, file)) throw new LegalAidRuleBroken('art42_not_applicable');
      return { kind: input.kind, ground: input.ground, proof };
    }
    case 'art32_not_required':
      if (!art32Fits(input.ground, file)) throw new LegalAidRuleBroken('art32_not_applicable');
      return { kind: input.kind, ground: input.ground };
    default: {
      const unknown: never = input;
      return unknown;
    }
  }
}

export function recordEconomicStatus({ data: c }: RecordEconomicStatus, state: LegalAidState, context: DecisionContext): EconomicStatusRecorded[] {
  const file = requireCompetentHolder(requireFile(state), context);
  if (file.status !== 'in_review' && file.status !== 'awaiting_materials') throw new LegalAidRuleBroken('not_in_review');
  return [{ type: 'EconomicStatusRecorded', data: { status: statusOf(c.status, file, context.now), recordedAt: instant(context.now) } }];
}
