// One village's ledger for one month: each entry as it stands with its history, the review's progress
// and any excuse. A union on `status`, so an approved month with a review not started cannot be written.
import type { IsoInstant, LedgerMonth, ShortfallCause } from '../vocabulary.js';
import { indexedEntry } from './entry-index.js';
import type { EntryContent } from './events.js';

export type EntryChange =
  | { readonly change: 'logged'; readonly at: IsoInstant; readonly content: EntryContent }
  | { readonly change: 'corrected'; readonly at: IsoInstant; readonly reason: string; readonly changed: readonly string[]; readonly content: EntryContent }
  | { readonly change: 'returned'; readonly at: IsoInstant; readonly reason: string }
  | { readonly change: 'voided'; readonly at: IsoInstant; readonly reason: string };

export type StandingEntry = {
  readonly entryId: string;
  readonly status: 'standing';
  readonly content: EntryContent;
  /** Returned by the office and not corrected since (退回待更正); null when not outstanding. */
  readonly returned: { readonly reason: string; readonly at: IsoInstant } | null;
  readonly history: readonly EntryChange[];
};

export type VoidedEntry = {
  readonly entryId: string;
  readonly status: 'voided';
  /** As it stood when voided. Not counted anywhere. */
  readonly content: EntryContent;
  readonly voidReason: string;
  readonly history: readonly EntryChange[];
};

export type LedgerEntry = StandingEntry | VoidedEntry;

export type ShortfallExcuse = { readonly cause: ShortfallCause; readonly reason: string; readonly at: IsoInstant };

/** The latest month-end judgement recorded (earlier ones stay in the stream). */
export type OnSiteJudgement = {
  readonly outcome: 'met' | 'short' | 'excused';
  readonly onSiteMinutes: number;
  readonly shortByMinutes: number;
  readonly at: IsoInstant;
};

/** What every opened month carries. */
export interface LedgerFile {
  /** The owning organisations: routes scope the stream to the village and its judicial office. */
  readonly villageId: string;
  readonly judicialOfficeId: string;
  readonly month: LedgerMonth;
  readonly entries: readonly LedgerEntry[];
  readonly excuse: ShortfallExcuse | null;
  readonly judgement: OnSiteJudgement | null;
  readonly reopenings: number;
}

export type UnopenedLedger = { readonly status: 'unopened' };
/** Logging; the office has not started its review. */
export interface OpenLedger extends LedgerFile { readonly status: 'open' }
/** 审核中: logging and corrections continue; entries may be returned. */
export interface LedgerInReview extends LedgerFile { readonly status: 'in_review'; readonly reviewStartedAt: IsoInstant }
/** 已审核: closed until reopened. */
export interface ApprovedLedger extends LedgerFile {
  readonly status: 'approved';
  readonly reviewStartedAt: IsoInstant;
  readonly approvedAt: IsoInstant;
}

export type LedgerMonthState = UnopenedLedger | OpenLedger | LedgerInReview | ApprovedLedger;
export type OpenedLedger = Exclude<LedgerMonthState, UnopenedLedger>;

export function initialLedgerState(): LedgerMonthState {
  return { status: 'unopened' };
}

export function entryIn(state: LedgerMonthState, entryId: string): LedgerEntry | undefined {
  return state.status === 'unopened' ? undefined : indexedEntry(state.entries, entryId);
}

export function standingEntries(state: LedgerMonthState): StandingEntry[] {
  return state.status === 'unopened' ? [] : state.entries.filter((e): e is StandingEntry => e.status === 'standing');
}
