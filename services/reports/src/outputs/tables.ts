// The report's tables as rows, once, for the HTML page, the PDF and the workbook alike.
import type { DistrictReport, Report } from '../report/build-report.js';
import { breakdowns, figures, rates, sectionTitles, type Section } from '../report/figures.js';

export type Cell = string | number | null;
export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: readonly Cell[][];
}

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);

export function figureTable(report: Report, d: DistrictReport, section: Section): Table {
  const rows: Cell[][] = figures.filter((f) => f.section === section).map((f) => {
    const v = d.figures[f.key]!;
    return [f.title, f.unit, v.value, v.previous, v.change, pct(v.changeRatio)];
  });
  for (const r of rates.filter((x) => x.section === section)) {
    const v = d.rates[r.key]!;
    rows.push([r.title, '%', pct(v.value), pct(v.previous), v.value === null || v.previous === null ? null : pct(v.value - v.previous), null]);
  }
  if (section === 'advisors') rows.push(['每月达标村(社区)', '个', d.villagesMetEveryMonth.value, d.villagesMetEveryMonth.previous, d.villagesMetEveryMonth.value - d.villagesMetEveryMonth.previous, null]);
  if (section === 'legal_aid' && d.peerReviewRank) rows.push(['同行评估优良率全市排名', `第${d.peerReviewRank.rank}名/共${d.peerReviewRank.of}`, d.peerReviewRank.rank, null, null, null]);
  return { title: `${d.name} · ${sectionTitles[section]}`, head: ['指标', '单位', report.period.label, report.previousPeriod.label, '增减', '增减%'], rows };
}

export function breakdownTables(d: DistrictReport): Table[] {
  return breakdowns.map((b) => {
    const split = d.breakdowns[b.key] ?? {};
    const total = Object.values(split).reduce((a, v) => a + v, 0);
    return {
      title: `${d.name} · ${b.title}`,
      head: ['类别', '数量', '占比%'],
      rows: Object.entries(split).sort(([, a], [, c]) => c - a).map(([k, v]): Cell[] => [b.labels[k] ?? k, v, total > 0 ? pct(v / total) : null]),
    };
  });
}

export function monthlyTable(report: Report, d: DistrictReport): Table {
  const keys = ['walk_in_persons', 'work_orders', 'legal_aid_cases', 'advisor_services'];
  const months = Object.keys(d.monthly['work_orders'] ?? {}).sort();
  return {
    title: `${d.name} · 月度数据`,
    head: ['月份', ...keys.map((k) => { const f = figures.find((x) => x.key === k)!; return `${f.title}(${f.unit})`; })],
    rows: months.map((m): Cell[] => [m, ...keys.map((k) => d.monthly[k]?.[m] ?? 0)]),
  };
}

export function restatementTable(d: DistrictReport): Table | null {
  if (d.restatements.length === 0) return null;
  return {
    title: `${d.name} · 更正说明(关账后补录或更正)`,
    head: ['指标', '关账数', '现数', '变动事件'],
    rows: d.restatements.map((r): Cell[] => [figures.find((f) => f.key === r.figure)?.title ?? r.figure, r.asClosed, r.now, r.changes.map((c) => `${c.eventType} ${c.streamName}`).join('; ')]),
  };
}

export function districtTables(report: Report, d: DistrictReport): Table[] {
  const sections: Section[] = ['headline', 'hotline', 'legal_aid', 'advisors', 'walk_in'];
  const restated = restatementTable(d);
  return [...sections.map((s) => figureTable(report, d, s)), ...breakdownTables(d), monthlyTable(report, d), ...(restated ? [restated] : [])];
}

/** The city district by district (市本级 among them) with the total row (全市合计) last: the headline and section counts. */
export function cityTable(report: Report): Table | null {
  if (!report.total) return null;
  const shown = figures.filter((f) => f.measure !== 'median' && ['headline', 'hotline', 'legal_aid', 'advisors'].includes(f.section)).slice(0, 12);
  return {
    title: `${report.scope.name} · 分区数据与全市合计`,
    head: ['区', ...shown.map((f) => `${f.title}(${f.unit})`)],
    rows: [...report.districts, report.total].map((d): Cell[] => [d.name, ...shown.map((f) => d.figures[f.key]?.value ?? null)]),
  };
}

/** Every table of the report: the city's table and total first (a city), then each district's. */
export function reportTables(report: Report): Table[] {
  const city = cityTable(report);
  return [...(city ? [city] : []), ...(report.total ? districtTables(report, report.total) : []), ...report.districts.flatMap((d) => districtTables(report, d))];
}
