// 经济困难状况: verified by data sharing (Art. 41; the standard is the province's, Art. 34), by the
// applicant's personal pledge (告知承诺), exempt from verification with ground and proof (Art. 42), or not
// required at all (Art. 32) where the ground fits the recipient or the matter.
import type { PersonGroup } from '@bureau/person-schemas';
import type { EconomicStatusInput, RecordEconomicStatus } from '../commands.js';
import { LegalAidRuleBroken } from '../errors.js';
import type { EconomicStatusRecorded } from '../events.js';
import { at, instant, requireCompetentHolder, requireFile, requireText } from '../guards.js';
import type { DecisionContext } from '../rules.js';
import type { AwaitingMaterials, InReview, LegalAidState } from '../state.js';
import type { Art32Ground, EconomicStatus } from '../vocabulary.js';

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

function statusOf(input: EconomicStatusInput, file: InReview | AwaitingMaterials, now: Date): EconomicStatus {
  switch (input.kind) {
    case 'data_sharing':
      return { kind: input.kind, meetsStandard: input.meetsStandard, source: requireText(input.source), reference: input.reference };
    case 'personal_pledge': {
      const pledgeSignedAt = instant(input.pledgeSignedAt);
      if (at(pledgeSignedAt) > now.getTime()) throw new LegalAidRuleBroken('invalid_time');
      return { kind: input.kind, pledgeSignedAt };
    }
    case 'art42_exempt':
      return { kind: input.kind, ground: input.ground, proof: requireText(input.proof, 'art42_proof_required') };
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
