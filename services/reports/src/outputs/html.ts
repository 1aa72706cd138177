// The report as one self-contained HTML page (fonts inlined, charts as SVG): the page on screen and the
// PDF's source alike.
import { escapeHtml, fontFacesFor } from '@bureau/printing';
import type { Report } from '../report/build-report.js';
import { districtsSideBySide, monthlyTrend, shares } from './charts.js';
import { reportTables, type Cell, type Table } from './tables.js';

const cell = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('zh-CN') : escapeHtml(c));

function tableHtml(t: Table): string {
  return `<section class="table"><h3>${escapeHtml(t.title)}</h3><table><thead><tr>${t.head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table></section>`;
}

export function reportHtml(report: Report): string {
  const closed = report.districts.filter((d) => d.closed).map((d) => `${d.name}已于${d.closed!.closedAt.slice(0, 10)}关账`);
  const body = `<h1>${escapeHtml(report.scope.name)}公共法律服务数据 · ${escapeHtml(report.period.label)}</h1>
<p class="meta">统计口径见 docs/reports/counting-rules.md · 与${escapeHtml(report.previousPeriod.label)}比较 · 生成于 ${escapeHtml(report.generatedAt)}${closed.length ? ` · ${escapeHtml(closed.join('，'))}` : ''}</p>
<div class="chart">${monthlyTrend(report)}</div>
${report.districts.length > 1 ? `<div class="chart">${districtsSideBySide(report)}</div>` : ''}
<div class="chart">${shares(report, 'received_by_matter_type')}</div>
<div class="chart">${shares(report, 'services_by_type')}</div>
${reportTables(report).map(tableHtml).join('\n')}`;
  const style = `${fontFacesFor(body)}
body{font-family:'Noto Sans SC',sans-serif;margin:24px;color:#222;font-size:12px}
h1{font-size:20px;margin:0 0 4px}h3{font-size:14px;margin:16px 0 4px}.meta{color:#666}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:3px 6px;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#eef2f7}.chart{page-break-inside:avoid;margin:8px 0}section.table{page-break-inside:avoid}
@page{size:A4;margin:14mm}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(report.scope.name)} ${escapeHtml(report.period.label)}</title><style>${style}</style></head><body>${body}</body></html>`;
}
