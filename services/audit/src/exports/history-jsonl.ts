// A case's history as JSON Lines, for machines: a header line (the case and the verdict), then one line
// per event with the whole state after it.
import type { HistoryEntry } from '../history/history-view.js';

export interface ExportHeader {
  readonly caseKind: string;
  readonly caseId: string;
  readonly stream: string;
  readonly events: number;
  readonly personalDataMasked: boolean;
  readonly verification: unknown;
  readonly exportedAt: string;
}

export function historyJsonLines(header: ExportHeader, entries: readonly HistoryEntry[]): string {
  const lines = [JSON.stringify({ kind: 'case', ...header }), ...entries.map((e) => JSON.stringify({ kind: 'event', ...e }))];
  return `${lines.join('\n')}\n`;
}
