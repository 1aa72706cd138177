// 导出: a case's history to take away, as the audit service makes it: JSON Lines (every event with the
// whole state after it, the verdict in its header), the readable report as HTML and as PDF. Each export
// is recorded as a view (the access report lists it).
import { DownloadButton } from '../../download.js';

export function CaseExports(props: { kind: string; caseId: string }) {
  const base = `/cases/${props.kind}/${encodeURIComponent(props.caseId)}`;
  return (
    <p class="row-actions downloads" aria-label="导出">
      <DownloadButton service="audit" path={`${base}/history.jsonl`} name="history.jsonl" label="导出 JSON Lines" kind="jsonl" what="这个案件的历史" />
      <DownloadButton service="audit" path={`${base}/report.html`} name={`${props.kind}-${props.caseId}.html`} label="导出报告（HTML）" kind="report-html" what="这个案件的报告" />
      <DownloadButton service="audit" path={`${base}/report.pdf`} name={`${props.kind}-${props.caseId}.pdf`} label="导出报告（PDF）" kind="report-pdf" what="这个案件的报告" />
    </p>
  );
}
