// The headline figures' drill-down lists of every district of a report, whole (for the workbook): one
// read of their facts per position the districts are counted at (a closed district as closed), not one
// per district and figure.
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import type { Period } from '../periods/period.js';
import type { DistrictUnit } from '../report/count.js';
import { factLists, type Db, type FactListItem } from '../report/fact-queries.js';
import { figures } from '../report/figures.js';

export async function headlineLists(db: Db, units: readonly DistrictUnit[], period: Period, asOfOf: (districtId: string) => GlobalPosition | null) {
  const headline = figures.filter((f) => f.section === 'headline');
  const groups = new Map<string, { asOf: GlobalPosition | null; orgUnits: Map<string, string> }>();
  for (const unit of units) {
    const asOf = asOfOf(unit.id);
    const key = asOf ? formatPosition(asOf) : 'now';
    const group = groups.get(key) ?? groups.set(key, { asOf, orgUnits: new Map() }).get(key)!;
    for (const org of unit.orgIds) group.orgUnits.set(org, unit.id);
  }
  const byUnit = new Map<string, Map<string, FactListItem[]>>();
  for (const { asOf, orgUnits } of groups.values()) {
    for (const [unit, lists] of await factLists(db, orgUnits, headline, period.from, period.to, asOf)) byUnit.set(unit, lists);
  }
  const lists: { title: string; items: FactListItem[] }[] = [];
  for (const unit of units) {
    for (const def of headline) lists.push({ title: `${unit.name}${def.title}明细`, items: byUnit.get(unit.id)?.get(def.key) ?? [] });
  }
  return lists;
}
