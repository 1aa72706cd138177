// Checks shared by the decide functions; each throws the LegalAidRuleBroken its rule names.
import { officeOf } from './competence.js';
import { LegalAidRuleBroken, type LegalAidRule } from './errors.js';
import type { DecisionContext } from './rules.js';
import type { LegalAidState, OpenFile } from './state.js';
import type { IsoInstant } from './vocabulary.js';

export function requireFile(state: LegalAidState): OpenFile {
  if (state.status === 'none' || state.status === 'awaiting_custody_forwarding') throw new LegalAidRuleBroken('not_found');
  return state;
}

/**
 * The acting organisation is (or belongs to) the competent office, and that office has the file: a file
 * in transfer, or still with a receiving office that is not competent, is decided by nobody until received.
 */
export function requireCompetentHolder<F extends OpenFile>(file: F, { organisation, offices }: DecisionContext): F {
  if (officeOf(offices, organisation.id) !== file.competentOfficeId) throw new LegalAidRuleBroken('not_competent_office');
  if (file.holderOfficeId !== file.competentOfficeId) throw new LegalAidRuleBroken('not_holding_office');
  return file;
}

export function requireText(value: string, rule: LegalAidRule = 'text_required'): string {
  if (value.trim() === '') throw new LegalAidRuleBroken(rule);
  return value.trim();
}

/** A Date as an event instant; an invalid Date is refused rather than written as garbage. */
export function instant(date: Date): IsoInstant {
  if (Number.isNaN(date.getTime())) throw new LegalAidRuleBroken('invalid_time');
  return date.toISOString();
}

export function at(iso: IsoInstant): number {
  return Date.parse(iso);
}

/** On time when done by the due moment (inclusive). */
export function onTime(done: IsoInstant, dueAt: IsoInstant): boolean {
  return at(done) <= at(dueAt);
}
