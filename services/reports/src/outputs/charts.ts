// Charts drawn on the server (ECharts' SVG renderer, no browser), so the same SVG is in the page and the
// PDF: monthly trends of the headline figures, shares by type, and the districts side by side.
import * as echarts from 'echarts';
import type { Report } from '../report/build-report.js';
import { breakdowns, figureByKey } from '../report/figures.js';

const font = { fontFamily: 'Noto Sans SC, sans-serif' };

function svg(option: echarts.EChartsCoreOption, width = 680, height = 280): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({ animation: false, textStyle: font, ...option });
  const out = chart.renderToSVGString();
  chart.dispose();
  return out;
}

const headline = ['walk_in_persons', 'work_orders', 'legal_aid_cases', 'advisor_services'];

/** The headline figures month by month, summed over the report's districts. */
export function monthlyTrend(report: Report): string {
  const months = Object.keys(report.districts[0]?.monthly['work_orders'] ?? {}).sort();
  const series = headline.map((key) => ({
    name: `${figureByKey.get(key)?.title}(${figureByKey.get(key)?.unit})`,
    type: 'line',
    data: months.map((m) => report.districts.reduce((sum, d) => sum + (d.monthly[key]?.[m] ?? 0), 0)),
  }));
  return svg({
    title: { text: '主要数据月度走势', left: 'center', textStyle: { ...font, fontSize: 14 } },
    legend: { bottom: 0, textStyle: font },
    grid: { top: 40, bottom: 50, left: 50, right: 20 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`) },
    yAxis: { type: 'value' },
    series,
  });
}

/** One breakdown's shares as a pie, summed over the districts. */
export function shares(report: Report, breakdownKey: string): string {
  const def = breakdowns.find((b) => b.key === breakdownKey);
  const totals = new Map<string, number>();
  for (const d of report.districts) for (const [k, v] of Object.entries(d.breakdowns[breakdownKey] ?? {})) totals.set(k, (totals.get(k) ?? 0) + v);
  const data = [...totals].filter(([, v]) => v > 0).map(([k, v]) => ({ name: def?.labels[k] ?? k, value: v }));
  const title = { text: def?.title ?? breakdownKey, left: 'center', textStyle: { ...font, fontSize: 14 } };
  // An empty pie draws as a grey ring: say there is nothing instead.
  if (data.length === 0) return svg({ title, graphic: { type: 'text', left: 'center', top: 'middle', style: { text: '本期无数据', fontSize: 13, fill: '#888', ...font } } }, 680, 120);
  return svg({
    title,
    series: [{ type: 'pie', radius: ['30%', '60%'], center: ['50%', '55%'], data, label: { formatter: '{b} {d}%', ...font } }],
  }, 680, 300);
}

/** The headline figures of the districts side by side. */
export function districtsSideBySide(report: Report): string {
  return svg({
    title: { text: '各区主要数据对比', left: 'center', textStyle: { ...font, fontSize: 14 } },
    legend: { bottom: 0, textStyle: font },
    grid: { top: 40, bottom: 50, left: 60, right: 20 },
    xAxis: { type: 'category', data: report.districts.map((d) => d.name) },
    yAxis: { type: 'value' },
    series: headline.map((key) => ({ name: figureByKey.get(key)?.title, type: 'bar', data: report.districts.map((d) => d.figures[key]?.value ?? 0) })),
  });
}
