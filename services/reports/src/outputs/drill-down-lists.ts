// The headline figures' drill-down lists of every district of a report, whole (for the workbook).
import type { GlobalPosition } from '@bureau/event-store';
import type { Period } from '../periods/period.js';
import type { DistrictUnit } from '../report/count.js';
import { factPage, type Db, type FactListItem } from '../report/fact-queries.js';
import { figures } from '../report/figures.js';

export async function headlineLists(db: Db, units: readonly DistrictUnit[], period: Period, asOfOf: (districtId: string) => GlobalPosition | null) {
  const lists: { title: string; items: FactListItem[] }[] = [];
  for (const unit of units) {
    for (const def of figures.filter((f) => f.section === 'headline')) {
      const page = await factPage(db, { orgIds: unit.orgIds, kinds: def.kinds, where: def.where, from: period.from, to: period.to, asOf: asOfOf(unit.id) }, 0, 10_000_000);
      lists.push({ title: `${unit.name}${def.title}明细`, items: page.items });
    }
  }
  return lists;
}
