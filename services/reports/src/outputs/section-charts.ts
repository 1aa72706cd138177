// The report's charts by section, each the same server-drawn SVG as in the HTML page and the PDF, for a
// page that lays the sections out itself (the console): the monthly trend and the districts side by side
// with the headline figures, each section's shares with its figures.
import type { Report } from '../report/build-report.js';
import { breakdowns, type Section } from '../report/figures.js';
import { districtsSideBySide, monthlyTrend, shares } from './charts.js';

export interface SectionChart {
  readonly key: string;
  readonly section: Section;
  readonly title: string;
  readonly svg: string;
}

/** The breakdowns drawn as shares (the others are in the tables: one pie per section is enough to read). */
const drawn = ['work_orders_by_category', 'received_by_matter_type', 'received_by_channel', 'services_by_type', 'walk_ins_by_topic', 'walk_ins_by_answer'];

export function sectionCharts(report: Report): SectionChart[] {
  const charts: SectionChart[] = [{ key: 'monthly_trend', section: 'headline', title: '主要数据月度走势', svg: monthlyTrend(report) }];
  if (report.districts.length > 1) charts.push({ key: 'districts_side_by_side', section: 'headline', title: '各区主要数据对比', svg: districtsSideBySide(report) });
  for (const b of breakdowns.filter((x) => drawn.includes(x.key))) charts.push({ key: b.key, section: b.section, title: b.title, svg: shares(report, b.key) });
  return charts;
}
