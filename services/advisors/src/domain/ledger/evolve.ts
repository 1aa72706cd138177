// evolve for a village-month ledger: pure and total. An event that does not apply to the current status
// (or names an entry that is not there) leaves the state unchanged, so replaying never throws.
import type { LedgerEvent } from './events.js';
import { carryIndex, indexedEntry } from './entry-index.js';
import type { LedgerEntry, LedgerMonthState, OpenedLedger } from './state.js';

export function evolveLedger(state: LedgerMonthState, event: LedgerEvent): LedgerMonthState {
  if (event.type === 'LedgerMonthOpened') {
    if (state.status !== 'unopened') return state;
    const { villageId, judicialOfficeId, month } = event.data;
    return { status: 'open', villageId, judicialOfficeId, month, entries: [], excuse: null, judgement: null, reopenings: 0 };
  }
  if (state.status === 'unopened') return state;
  return evolveOpened(state, event);
}

function withEntry(state: OpenedLedger, entryId: string, change: (entry: LedgerEntry) => LedgerEntry): OpenedLedger {
  const entry = indexedEntry(state.entries, entryId);
  if (!entry) return state;
  const position = state.entries.indexOf(entry);
  const entries = state.entries.slice();
  entries[position] = change(entry);
  carryIndex(state.entries, entries, position);
  return { ...state, entries };
}

function evolveOpened(state: OpenedLedger, event: Exclude<LedgerEvent, { type: 'LedgerMonthOpened' }>): LedgerMonthState {
  switch (event.type) {
    case 'ServiceLogged': {
      const { entryId, content, loggedAt } = event.data;
      if (indexedEntry(state.entries, entryId)) return state;
      const entry: LedgerEntry = {
        entryId, status: 'standing', content, returned: null, history: [{ change: 'logged', at: loggedAt, content }],
      };
      const entries = [...state.entries, entry];
      carryIndex(state.entries, entries, state.entries.length);
      return { ...state, entries };
    }
    case 'EntryCorrected': {
      const { entryId, content, changed, reason, correctedAt } = event.data;
      return withEntry(state, entryId, (e) =>
        e.status !== 'standing'
          ? e
          // A correction answers a return: the entry comes back to the review (returned: null).
          : { ...e, content, returned: null, history: [...e.history, { change: 'corrected', at: correctedAt, reason, changed, content }] },
      );
    }
    case 'EntryVoided': {
      const { entryId, reason, voidedAt } = event.data;
      return withEntry(state, entryId, (e) =>
        e.status !== 'standing'
          ? e
          : { entryId, status: 'voided', content: e.content, voidReason: reason, history: [...e.history, { change: 'voided', at: voidedAt, reason }] },
      );
    }
    case 'EntryReturned': {
      const { entryId, reason, returnedAt } = event.data;
      return withEntry(state, entryId, (e) =>
        e.status !== 'standing' ? e : { ...e, returned: { reason, at: returnedAt }, history: [...e.history, { change: 'returned', at: returnedAt, reason }] },
      );
    }
    case 'MonthReviewStarted':
      if (state.status !== 'open') return state;
      return { ...state, status: 'in_review', reviewStartedAt: event.data.startedAt };
    case 'MonthApproved':
      if (state.status !== 'in_review') return state;
      return { ...state, status: 'approved', approvedAt: event.data.approvedAt };
    case 'MonthReopened': {
      if (state.status !== 'approved') return state;
      const { approvedAt, ...rest } = state;
      void approvedAt;
      return { ...rest, status: 'in_review', reopenings: state.reopenings + 1 };
    }
    case 'ShortfallExcused': {
      const { cause, reason, excusedAt } = event.data;
      return { ...state, excuse: { cause, reason, at: excusedAt } };
    }
    case 'OnSiteMinimumJudged': {
      const { outcome, onSiteMinutes, shortByMinutes, judgedAt } = event.data;
      return { ...state, judgement: { outcome, onSiteMinutes, shortByMinutes, at: judgedAt } };
    }
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

export function foldLedger(events: Iterable<LedgerEvent>, from: LedgerMonthState = { status: 'unopened' }): LedgerMonthState {
  let state = from;
  for (const event of events) state = evolveLedger(state, event);
  return state;
}
