// A village's monthly ledger (台账), folded by the advisors' own evolve, and the facts it gives
// (docs/reports/counting-rules.md, "advisors"; the same rules as the advisors' figures): each entry in
// force by its service date, and the month when its on-site time reached the minimum (onSiteCheck).
import { onSiteCheck, standingEntries, type LedgerMonthState } from '@bureau/advisors/domain';
import { atLocalTime } from '@bureau/working-calendar';
import { fact, type Fact } from './fact.js';

export function advisorLedgerFacts(state: LedgerMonthState, ledgerId: string, minimumOnSiteHours: number): Fact[] {
  if (state.status === 'unopened') return [];
  const base = { caseKind: 'advisor-ledger' as const, caseId: ledgerId, orgId: state.villageId };
  const facts: Fact[] = standingEntries(state).map(({ entryId, content }) =>
    fact({
      ...base,
      key: entryId,
      kind: 'advisors.service',
      occurredAt: atLocalTime(content.date).toISOString(),
      // Hours, unrounded: a figure is rounded to two places once summed, as the advisors' figures round
      // the month's or year's minutes (rounding each entry first drifted by hundredths over a year).
      value: content.durationMinutes / 60,
      // The entry is in the fact's id and case; dims stay the few values figures are split by.
      dims: { type: content.type, mode: content.mode },
    }),
  );
  const check = onSiteCheck(state, minimumOnSiteHours);
  if (check.outcome === 'met') {
    facts.push(fact({ ...base, kind: 'advisors.month_met', occurredAt: atLocalTime(`${state.month}-01`).toISOString(), value: check.onSiteMinutes / 60, dims: { month: state.month } }));
  }
  return facts;
}
