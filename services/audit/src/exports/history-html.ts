// A case's history as a readable report (for people): one A4 document, shown as HTML and printed as PDF
// (the same page; the Chinese in the legal-aid receipt's font, @bureau/printing, its subsets inlined so
// the file stands alone). The case, the verification verdict and the anchor it was checked against, each
// event in order with who, when, its hash and the state after it (as the change from the one before),
// and the whole state after the last.
import { beijingDate, escapeHtml, fontFacesFor } from '@bureau/printing';
import type { HistoryEntry } from '../history/history-view.js';
import type { CaseVerdict } from '../routes/case-verdict.js';
import type { ExportHeader } from './history-jsonl.js';

export interface ReportHeader extends ExportHeader {
  readonly title: string;
  readonly verification: CaseVerdict;
}

const text = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const when = (iso: string | null) => (iso ? `${beijingDate(iso, true)} (${iso})` : '—');

/** The whole state as one line per field: path, value. */
function fieldsOf(value: unknown, path = ''): [string, string][] {
  if (Array.isArray(value) && value.length > 0) return value.flatMap((v, i) => fieldsOf(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([k, v]) => fieldsOf(v, path === '' ? k : `${path}.${k}`));
  }
  return [[path === '' ? '(state)' : path, text(value)]];
}

function verdictSection(v: CaseVerdict): string {
  const anchor = v.anchor
    ? `<tr><th>锚定 Anchor</th><td>${escapeHtml(v.anchor.anchorId)}, ${escapeHtml(when(v.anchor.createdAt))}<br>Merkle root <code>${escapeHtml(v.anchor.root)}</code><br>锚定版本 anchored revision ${escapeHtml(v.anchor.anchoredRevision)}</td></tr>`
    : '<tr><th>锚定 Anchor</th><td>尚无覆盖本案的锚定 (no anchor covers this stream yet): the chain alone was checked</td></tr>';
  const findings = v.findings.length === 0
    ? ''
    : `<ul class="findings">${v.findings.map((f) => `<li>${escapeHtml(f.kind)} at revision ${escapeHtml(f.revision)}: ${escapeHtml(f.detail)}</li>`).join('')}</ul>`;
  return `<table class="facts">
<tr><th>结论 Verdict</th><td class="${v.intact ? 'ok' : 'bad'}">${v.intact ? '未被篡改 intact: every hash recomputed matches' : '发现问题 NOT intact'}</td></tr>
<tr><th>已核验事件 Events checked</th><td>${v.events}</td></tr>
${anchor}
</table>${findings}`;
}

function eventBlock(e: HistoryEntry): string {
  const actor = e.actor ? `${e.actor.id} (${e.actor.role}, ${e.actor.organisation})` : '—';
  const changes = e.changes.length === 0
    ? '<p class="none">状态未变 (the state did not change)</p>'
    : `<table class="changes">${e.changes.map((c) => `<tr><td><code>${escapeHtml(c.path)}</code></td><td>${escapeHtml(c.change)}</td><td>${escapeHtml(text(c.before))}</td><td>→ ${escapeHtml(text(c.after))}</td></tr>`).join('')}</table>`;
  return `<section class="event">
<h4>#${escapeHtml(e.revision)} ${escapeHtml(e.type)} <small>(v${e.storedSchemaVersion})</small></h4>
<p class="meta">办理人 ${escapeHtml(actor)} · 发生 ${escapeHtml(when(e.occurredAt))} · 记录 ${escapeHtml(when(e.recordedAt))}<br>hash <code>${escapeHtml(e.hash)}</code></p>
${changes}
</section>`;
}

const css = `
@page { size: A4; margin: 16mm 14mm; }
body { font-family: 'Noto Sans SC', sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
main { padding: 4mm 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 5mm; font-weight: 400; letter-spacing: 1pt; }
h3 { font-size: 11.5pt; margin: 6mm 0 2mm; border-left: 3pt solid #333; padding-left: 2mm; font-weight: 400; }
h4 { font-size: 10pt; margin: 0 0 1mm; font-weight: 400; }
table { width: 100%; border-collapse: collapse; }
.facts th, .facts td { border: 0.6pt solid #333; padding: 1.6mm 2.4mm; text-align: left; vertical-align: top; }
.facts th { width: 36mm; background: #f2f2f2; font-weight: 400; }
.ok { color: #174; } .bad { color: #a11; }
code { font-family: 'Noto Sans SC', monospace; font-size: 7.5pt; word-break: break-all; }
.event { border-top: 0.5pt solid #999; padding: 2mm 0; break-inside: avoid; }
.meta { margin: 0 0 1mm; color: #444; font-size: 8.5pt; }
.changes { table-layout: fixed; }
.changes td { border-bottom: 0.3pt solid #ddd; padding: 0.6mm 1.5mm; vertical-align: top; overflow-wrap: anywhere; }
.changes td:nth-child(1) { width: 27%; }
.changes td:nth-child(2) { width: 9%; color: #555; }
.changes td:nth-child(3) { width: 28%; }
.none { margin: 0; color: #777; }
.state td { border-bottom: 0.3pt solid #ddd; padding: 0.6mm 1.5mm; word-break: break-all; }
.state td:first-child { width: 40%; }`;

export function historyHtml(header: ReportHeader, entries: readonly HistoryEntry[], finalState: unknown): string {
  const facts: [string, string][] = [
    ['案件类型 Case kind', `${header.title} (${header.caseKind})`],
    ['案件编号 Case', header.caseId],
    ['事件流 Stream', header.stream],
    ['事件数 Events', String(header.events)],
    ['个人信息 Personal data', header.personalDataMasked ? '已脱敏 masked' : '未脱敏 shown unmasked'],
    ['导出时间 Exported', when(header.exportedAt)],
  ];
  const body = `<main>
<h1>${escapeHtml(header.title)} 审计报告 (audit report)</h1>
<table class="facts">${facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<h3>核验 Verification</h3>
${verdictSection(header.verification)}
<h3>事件 Events, in order, each with the state after it (the change from the state before)</h3>
${entries.map(eventBlock).join('\n')}
<h3>最终状态 The state after the last event</h3>
<table class="state">${fieldsOf(finalState).map(([k, v]) => `<tr><td><code>${escapeHtml(k)}</code></td><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
</main>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(header.title)} ${escapeHtml(header.caseId)} 审计报告</title>
<style>${fontFacesFor(body)}\n${css}</style></head><body>${body}</body></html>
`;
}
