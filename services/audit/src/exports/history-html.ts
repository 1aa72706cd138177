// A case's history as a readable report (HTML, for people): the case, the verification verdict and the
// anchor it was checked against, then each event with who, when, and what it changed.
import type { HistoryEntry } from '../history/history-view.js';
import type { ExportHeader } from './history-jsonl.js';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const value = (v: unknown) => escape(v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function historyHtml(header: ExportHeader & { readonly title: string }, entries: readonly HistoryEntry[]): string {
  const rows = entries.map((e) => {
    const changes = e.changes.map((c) => `<li><code>${escape(c.path)}</code> ${escape(c.change)}: ${value(c.before)} → ${value(c.after)}</li>`).join('');
    const actor = e.actor ? `${escape(e.actor.id)} (${escape(e.actor.role)}, ${escape(e.actor.organisation)})` : '—';
    return `<tr><td>${escape(e.revision)}</td><td>${escape(e.type)} (v${e.storedSchemaVersion})</td><td>${actor}</td>`
      + `<td>${escape(e.occurredAt ?? '—')}</td><td>${escape(e.recordedAt)}</td><td><code>${escape(e.hash.slice(0, 16))}…</code></td><td><ul>${changes}</ul></td></tr>`;
  }).join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(header.title)} ${escape(header.caseId)} 审计报告</title>
<style>body{font-family:"Noto Sans CJK SC","Source Han Sans SC",sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;vertical-align:top;font-size:13px}code{font-size:12px}</style>
</head><body>
<h1>${escape(header.title)} ${escape(header.caseId)} · 审计报告 (audit report)</h1>
<p>Stream <code>${escape(header.stream)}</code>, ${header.events} events. Exported ${escape(header.exportedAt)}.
Personal data ${header.personalDataMasked ? 'masked (已脱敏)' : 'shown unmasked (未脱敏)'}.</p>
<h2>核验 Verification</h2><pre>${value(header.verification)}</pre>
<h2>事件 Events</h2>
<table><thead><tr><th>#</th><th>event</th><th>who</th><th>acted</th><th>recorded</th><th>hash</th><th>state change</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</body></html>
`;
}
