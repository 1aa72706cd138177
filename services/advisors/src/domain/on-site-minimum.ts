// The monthly on-site minimum (驻点服务时长): at least MINIMUM_ON_SITE_HOURS_PER_MONTH hours on site per
// village per calendar month (Beijing time), counting every advisor who served the village that month
// (domain reference §3). Entries count as they stand: voided ones not at all, corrected ones as corrected.
// Pure: the ledger of one village-month in, a judgement out.
import { standingEntries, type LedgerMonthState, type ShortfallExcuse } from './ledger/state.js';

export type AdvisorShare = { readonly advisorId: string; readonly onSiteMinutes: number };

type Counted = {
  readonly onSiteMinutes: number;
  readonly minimumMinutes: number;
  /** Each advisor's on-site minutes, in the order they first served the month. */
  readonly byAdvisor: readonly AdvisorShare[];
};

export type OnSiteCheck =
  | (Counted & { readonly outcome: 'met' })
  | (Counted & { readonly outcome: 'short'; readonly shortByMinutes: number })
  | (Counted & { readonly outcome: 'excused'; readonly shortByMinutes: number; readonly excuse: ShortfallExcuse });

/** met / short by N minutes / excused, for one village-month. An unopened month has logged nothing: short by all. */
export function onSiteCheck(ledger: LedgerMonthState, minimumOnSiteHours: number): OnSiteCheck {
  const minimumMinutes = Math.round(minimumOnSiteHours * 60);
  const shares = new Map<string, number>();
  for (const { content } of standingEntries(ledger)) {
    if (content.mode !== 'on_site') continue;
    shares.set(content.advisorId, (shares.get(content.advisorId) ?? 0) + content.durationMinutes);
  }
  const byAdvisor = [...shares].map(([advisorId, onSiteMinutes]) => ({ advisorId, onSiteMinutes }));
  const onSiteMinutes = byAdvisor.reduce((sum, share) => sum + share.onSiteMinutes, 0);
  const counted = { onSiteMinutes, minimumMinutes, byAdvisor };
  if (onSiteMinutes >= minimumMinutes) return { ...counted, outcome: 'met' };
  const shortByMinutes = minimumMinutes - onSiteMinutes;
  // An excuse covers a shortfall, never turns a met month into an excused one.
  const excuse = ledger.status === 'unopened' ? null : ledger.excuse;
  return excuse ? { ...counted, outcome: 'excused', shortByMinutes, excuse } : { ...counted, outcome: 'short', shortByMinutes };
}
