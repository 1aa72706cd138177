// The judicial office's monthly review (司法所月度审核) of one village's month: it may start from the
// 25th (CONFIGURABLE) on what is logged so far, returns entries for correction, excuses a shortfall, and
// approves only after the month has ended (Beijing time) with no returned entry outstanding.
import { AdvisorRuleBroken, requireText } from '../../errors.js';
import { dayOfMonthStartsAt, monthEndsAt } from '../../month.js';
import { onSiteCheck } from '../../on-site-minimum.js';
import { shortfallCauses } from '../../vocabulary.js';
import type { ApproveMonth, ExcuseShortfall, ReopenMonth, ReturnEntry, StartMonthReview } from '../commands.js';
import type { LedgerContext } from '../context.js';
import type { EntryReturned, LedgerEvent, MonthApproved, MonthReopened, ShortfallExcused } from '../events.js';
import { entryIn, standingEntries, type LedgerInReview, type LedgerMonthState } from '../state.js';
import { opening } from './opening.js';

/** A month nobody logged in can still be reviewed (and show its shortfall): the review opens it. */
export function startMonthReview(_: StartMonthReview, state: LedgerMonthState, context: LedgerContext): LedgerEvent[] {
  if (state.status === 'in_review') return [];
  if (state.status === 'approved') throw new AdvisorRuleBroken('month_approved');
  if (context.now < dayOfMonthStartsAt(context.month, context.limits.reviewStartsOnDay)) {
    throw new AdvisorRuleBroken('review_window_not_open');
  }
  return [...opening(state, context), { type: 'MonthReviewStarted', data: { startedAt: context.now.toISOString() } }];
}

function requireInReview(state: LedgerMonthState): LedgerInReview {
  if (state.status === 'approved') throw new AdvisorRuleBroken('month_approved');
  if (state.status !== 'in_review') throw new AdvisorRuleBroken('review_not_started');
  return state;
}

export function returnEntry({ data }: ReturnEntry, state: LedgerMonthState, { now }: LedgerContext): EntryReturned[] {
  const ledger = requireInReview(state);
  const entry = entryIn(ledger, data.entryId);
  if (!entry) throw new AdvisorRuleBroken('entry_not_found');
  if (entry.status === 'voided') throw new AdvisorRuleBroken('entry_voided');
  if (entry.returned !== null) throw new AdvisorRuleBroken('entry_already_returned');
  const reason = requireText(data.reason, 'reason_required');
  return [{ type: 'EntryReturned', data: { entryId: entry.entryId, reason, returnedAt: now.toISOString() } }];
}

/** Approving again is already done. The on-site judgement is recorded as the office saw it. */
export function approveMonth(_: ApproveMonth, state: LedgerMonthState, { now, month, limits }: LedgerContext): MonthApproved[] {
  if (state.status === 'approved') return [];
  if (state.status !== 'in_review') throw new AdvisorRuleBroken('review_not_started');
  if (now < monthEndsAt(month)) throw new AdvisorRuleBroken('month_not_ended');
  // A voided entry needs no correction; a standing returned one does.
  if (standingEntries(state).some((e) => e.returned !== null)) throw new AdvisorRuleBroken('returned_entries_outstanding');
  const check = onSiteCheck(state, limits.minimumOnSiteHoursPerMonth);
  return [
    {
      type: 'MonthApproved',
      data: { approvedAt: now.toISOString(), onSiteMinutes: check.onSiteMinutes, minimumMinutes: check.minimumMinutes, onSiteOutcome: check.outcome },
    },
  ];
}

export function reopenMonth({ data }: ReopenMonth, state: LedgerMonthState, { now }: LedgerContext): MonthReopened[] {
  if (state.status !== 'approved') throw new AdvisorRuleBroken('month_not_approved');
  const reason = requireText(data.reason, 'reason_required');
  return [{ type: 'MonthReopened', data: { reason, reopenedAt: now.toISOString() } }];
}

/** Only a month short of the minimum as it stands can be excused; the same excuse again is already done. */
export function excuseShortfall({ data }: ExcuseShortfall, state: LedgerMonthState, { now, limits }: LedgerContext): ShortfallExcused[] {
  const ledger = requireInReview(state);
  if (!shortfallCauses.includes(data.cause)) throw new AdvisorRuleBroken('invalid_shortfall_cause');
  const reason = requireText(data.reason, 'reason_required');
  if (ledger.excuse?.cause === data.cause && ledger.excuse.reason === reason) return [];
  const check = onSiteCheck({ ...ledger, excuse: null }, limits.minimumOnSiteHoursPerMonth);
  if (check.outcome === 'met') throw new AdvisorRuleBroken('no_shortfall');
  return [{ type: 'ShortfallExcused', data: { cause: data.cause, reason, shortByMinutes: check.shortByMinutes, excusedAt: now.toISOString() } }];
}
