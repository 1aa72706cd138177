// The duplicate check (重复申请提醒): a WARNING, never a refusal. The same person (same identity document,
// or same name and birth date) with an open application for the same matter type against the same
// opposing party. Pure: the open applications to compare with arrive as input (the read side finds them).
import { birthDateOf } from '@bureau/person-schemas';
import type { MatterType, Person } from './vocabulary.js';

/** An open application as the read side summarises it for this check. */
export interface OpenApplicationSummary {
  readonly applicationId: string;
  readonly recipient: Pick<Person, 'name' | 'document' | 'birthDate'>;
  readonly matterType: MatterType;
  readonly opposingParty: string | null;
}

export interface DuplicateCandidate {
  readonly recipient: Pick<Person, 'name' | 'document' | 'birthDate'>;
  readonly matterType: MatterType;
  readonly opposingParty: string | null;
}

const normalised = (text: string | null) => (text === null ? '' : text.replace(/\s+/g, '').toLowerCase());

/** Same identity document (not 'unknown'), or the same name and a known, equal birth date. */
export function samePerson(a: DuplicateCandidate['recipient'], b: DuplicateCandidate['recipient']): boolean {
  if (a.document.type !== 'unknown' && a.document.type === b.document.type) {
    if (normalised(a.document.number) === normalised(b.document.number)) return true;
  }
  const birthDate = birthDateOf(a);
  return birthDate !== null && normalised(a.name) === normalised(b.name) && birthDate === birthDateOf(b);
}

/** The open applications the candidate may duplicate, by id (in the order given). */
export function possibleDuplicates(candidate: DuplicateCandidate, open: readonly OpenApplicationSummary[]): string[] {
  return open
    .filter(
      (other) =>
        other.matterType === candidate.matterType &&
        normalised(other.opposingParty) === normalised(candidate.opposingParty) &&
        samePerson(candidate.recipient, other.recipient),
    )
    .map((other) => other.applicationId);
}
