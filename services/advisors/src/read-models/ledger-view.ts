// A village's month as the routes show it: each entry as it stands with its history, the review's
// state and the on-site check against the district's minimum.
import { monthEndsAt, onSiteCheck, type AdvisorLimits, type LedgerEntry, type LedgerMonthState, type ServiceType } from '../domain/index.js';
import type { AdvisorNamed } from './advisor-names.js';
import { maskContent } from './mask.js';

/** Who an advisor is, as people know them (name and firm); null when the register does not hold them. */
type AdvisorOf = (advisorId: string) => AdvisorNamed | null;

export function entryView(entry: LedgerEntry, unmasked: boolean, advisorOf: AdvisorOf) {
  const show = unmasked ? <T,>(c: T) => c : maskContent;
  return {
    entryId: entry.entryId,
    status: entry.status,
    advisor: advisorOf(entry.content.advisorId),
    content: show(entry.content),
    returned: entry.status === 'standing' ? entry.returned : null,
    voidReason: entry.status === 'voided' ? entry.voidReason : null,
    history: entry.history.map((h) => ('content' in h ? { ...h, content: show(h.content) } : { ...h })),
  };
}

/** met / short / excused, with minutes; `judged` is the latest month-end judgement recorded. */
export function onSiteView(state: LedgerMonthState, limits: AdvisorLimits) {
  const check = onSiteCheck(state, limits.minimumOnSiteHoursPerMonth);
  return {
    outcome: check.outcome,
    onSiteMinutes: check.onSiteMinutes,
    minimumMinutes: check.minimumMinutes,
    shortByMinutes: check.outcome === 'met' ? 0 : check.shortByMinutes,
    byAdvisor: check.byAdvisor.map((s) => ({ ...s })),
    excuse: check.outcome === 'excused' ? check.excuse : null,
    judged: state.status === 'unopened' ? null : state.judgement,
  };
}

export function monthFigures(state: LedgerMonthState) {
  let onSiteMinutes = 0;
  let remoteMinutes = 0;
  const byType: Partial<Record<ServiceType, number>> = {};
  let entries = 0;
  let returned = 0;
  if (state.status !== 'unopened') {
    for (const e of state.entries) {
      if (e.status !== 'standing') continue;
      entries += 1;
      if (e.returned) returned += 1;
      if (e.content.mode === 'on_site') onSiteMinutes += e.content.durationMinutes;
      else remoteMinutes += e.content.durationMinutes;
      byType[e.content.type] = (byType[e.content.type] ?? 0) + 1;
    }
  }
  return { entries, returned, onSiteMinutes, remoteMinutes, byType };
}

export function ledgerView(villageId: string, month: string, state: LedgerMonthState, limits: AdvisorLimits, now: Date, unmaskedFor: (advisorId: string) => boolean, advisorOf: AdvisorOf) {
  const onSite = onSiteView(state, limits);
  return {
    villageId,
    month,
    status: state.status,
    judicialOfficeId: state.status === 'unopened' ? null : state.judicialOfficeId,
    monthEnded: now >= monthEndsAt(month),
    reviewStartedAt: state.status === 'in_review' || state.status === 'approved' ? state.reviewStartedAt : null,
    approvedAt: state.status === 'approved' ? state.approvedAt : null,
    reopenings: state.status === 'unopened' ? 0 : state.reopenings,
    figures: monthFigures(state),
    onSite: { ...onSite, byAdvisor: onSite.byAdvisor.map((s) => ({ ...s, advisor: advisorOf(s.advisorId) })) },
    entries: state.status === 'unopened' ? [] : state.entries.map((e) => entryView(e, unmaskedFor(e.content.advisorId), advisorOf)),
  };
}
