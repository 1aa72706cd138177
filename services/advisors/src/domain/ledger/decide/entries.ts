// Logging, correcting and voiding entries (登记、更正、作废). Never in place: each is a new event.
import { AdvisorRuleBroken, requireText } from '../../errors.js';
import { monthOf } from '../../month.js';
import type { CorrectEntry, LogService, VoidEntry } from '../commands.js';
import type { LedgerContext } from '../context.js';
import { draftOf, normalisedDraft, placedContent, sameContent } from '../entry-content.js';
import type { EntryCorrected, EntryVoided, LedgerEvent } from '../events.js';
import { standingTwins } from '../entry-index.js';
import { entryIn, type LedgerMonthState, type StandingEntry } from '../state.js';
import { opening } from './opening.js';

/**
 * A retry (same entry id, same content) or the same service logged again under another id (same advisor,
 * date, type and start, same content) is already done: []. Same id or identity with other content is
 * refused: a change is a correction, a deliberate act with a reason.
 */
export function logService({ data }: LogService, state: LedgerMonthState, context: LedgerContext): LedgerEvent[] {
  const entryId = requireText(data.entryId, 'entry_id_required');
  if (data.villageId !== context.village.villageId) throw new AdvisorRuleBroken('wrong_village');
  const draft = normalisedDraft(data, context.limits.evidenceMaxBytes);
  const existing = entryIn(state, entryId);
  if (existing) {
    const logged = existing.history[0];
    if (logged?.change === 'logged' && sameContent(draftOf(logged.content), draft)) return [];
    throw new AdvisorRuleBroken('entry_id_reused');
  }
  const twin = standingTwins(state, draft)[0];
  if (twin) {
    if (sameContent(draftOf(twin.content), draft)) return [];
    throw new AdvisorRuleBroken('duplicate_entry_differs');
  }
  if (state.status === 'approved') throw new AdvisorRuleBroken('month_approved');
  const content = placedContent(draft, context);
  return [...opening(state, context), { type: 'ServiceLogged', data: { content, entryId, loggedAt: context.now.toISOString() } }]; // keys sorted: as placedContent says
}

function requireStanding(state: LedgerMonthState, entryId: string): StandingEntry {
  const entry = entryIn(state, entryId);
  if (!entry) throw new AdvisorRuleBroken('entry_not_found');
  if (entry.status === 'voided') throw new AdvisorRuleBroken('entry_voided');
  return entry;
}

/** The fields given replace the entry's; the result passes every check a new entry would. */
export function correctEntry({ data }: CorrectEntry, state: LedgerMonthState, context: LedgerContext): EntryCorrected[] {
  const entry = requireStanding(state, data.entryId);
  if (state.status === 'approved') throw new AdvisorRuleBroken('month_approved');
  const reason = requireText(data.reason, 'reason_required');
  // Fields left undefined are not given: they keep the entry's value (a route may pass them so).
  const given = Object.fromEntries(Object.entries(data.correction).filter(([, value]) => value !== undefined));
  const draft = normalisedDraft({ ...draftOf(entry.content), ...given }, context.limits.evidenceMaxBytes);
  if (monthOf(draft.date) !== context.month) throw new AdvisorRuleBroken('correction_changes_month');
  const before = draftOf(entry.content);
  const changed = (Object.keys(draft) as (keyof typeof draft)[]).filter(
    (field) => !sameContent({ ...before, [field]: draft[field] }, before),
  );
  if (changed.length === 0) throw new AdvisorRuleBroken('correction_changes_nothing');
  if (standingTwins(state, draft).some((e) => e.entryId !== entry.entryId)) {
    throw new AdvisorRuleBroken('duplicate_entry_differs');
  }
  const content = placedContent(draft, context);
  return [
    {
      type: 'EntryCorrected',
      data: { entryId: entry.entryId, content, changed, reason, resubmitted: entry.returned !== null, correctedAt: context.now.toISOString() },
    },
  ];
}

/** A voided entry stays in the history and counts nowhere. Voiding it again is already done. */
export function voidEntry({ data }: VoidEntry, state: LedgerMonthState, { now }: LedgerContext): EntryVoided[] {
  if (entryIn(state, data.entryId)?.status === 'voided') return [];
  const entry = requireStanding(state, data.entryId);
  if (state.status === 'approved') throw new AdvisorRuleBroken('month_approved');
  const reason = requireText(data.reason, 'reason_required');
  return [{ type: 'EntryVoided', data: { entryId: entry.entryId, reason, voidedAt: now.toISOString() } }];
}
