// Domain errors as HTTP answers: a broken rule is the kit's 422 already; "no such entry / appointment"
// is better a 404, and a village out of the caller's reach is, to them, no village at all.
import { notFound } from '@bureau/service-kit';
import { AdvisorRuleBroken } from '../domain/index.js';

export const noSuchVillage = () => notFound('No such village or community (村/社区).');
export const noSuchDistrict = () => notFound('No such district.');

export function translated(error: unknown): unknown {
  if (!(error instanceof AdvisorRuleBroken)) return error;
  if (error.rule === 'entry_not_found') return notFound('No such entry in this ledger.');
  if (error.rule === 'appointment_not_found') return notFound('No such appointment.');
  return error;
}
