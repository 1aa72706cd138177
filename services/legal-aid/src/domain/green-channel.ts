// 绿色通道 (local practice, domain reference §2): the elderly, the disabled, minors, migrant workers'
// wage claims, military personnel and families, and the Art. 32 / Art. 42 groups go first in every
// worklist, with same-day review and assignment by default. Pure: from the recipient and the matter.
import type { PersonGroup } from '@bureau/person-schemas';
import type { GreenChannelGround, MatterType } from './vocabulary.js';

const ART32_GROUPS: readonly PersonGroup[] = ['martyr_close_relative', 'good_samaritan', 'acquitted_on_retrial', 'abuse_or_domestic_violence_victim'];
const ART42_GROUPS: readonly PersonGroup[] = ['social_assistance_recipient', 'judicial_assistance_recipient', 'preferential_care_recipient'];

/** Every ground the green channel applies on; empty when it does not. */
export function greenChannelGroundsOf(groups: readonly PersonGroup[], matterType: MatterType): GreenChannelGround[] {
  const has = (g: PersonGroup) => groups.includes(g);
  const grounds: GreenChannelGround[] = [];
  if (has('elderly')) grounds.push('elderly');
  if (has('disabled')) grounds.push('disabled');
  if (has('minor')) grounds.push('minor');
  if (has('migrant_worker') && matterType === 'employment_or_wages') grounds.push('migrant_worker_wages');
  if (has('military_or_family')) grounds.push('military_or_family');
  if (ART32_GROUPS.some(has)) grounds.push('art32_group');
  if (ART42_GROUPS.some(has)) grounds.push('art42_group');
  return grounds;
}
