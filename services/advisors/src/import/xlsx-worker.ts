// One workbook read on a worker thread of its own (xlsx-on-worker.ts): each sheet's rows posted in
// batches as JSON text (one string copy to hand over), the sheet's start and end, and how it ended.
import { parentPort, workerData } from 'node:worker_threads';
import type { FromXlsxWorker } from './xlsx-on-worker.js';
import { openXlsx, UnreadableWorkbook } from './xlsx.js';

if (!parentPort) throw new Error('xlsx-worker.ts runs as a worker thread');
const port = parentPort;
const post = (message: FromXlsxWorker) => port.postMessage(message);
const ROWS_AT_ONCE = 2000;

const { file } = workerData as { readonly file: Uint8Array };
const workbook = await openXlsx(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
if (!workbook.ok) post({ kind: 'not_xlsx', detail: workbook.detail });
else {
  try {
    for await (const sheet of workbook.sheets) {
      post({ kind: 'sheet', name: sheet.name });
      let batch: [number, string[]][] = [];
      for await (const { number, cells } of sheet.rows) {
        batch.push([number, cells]);
        if (batch.length === ROWS_AT_ONCE) {
          post({ kind: 'rows', json: JSON.stringify(batch) });
          batch = [];
        }
      }
      if (batch.length > 0) post({ kind: 'rows', json: JSON.stringify(batch) });
      post({ kind: 'sheet_end' });
    }
    post({ kind: 'end' });
  } catch (error) {
    if (error instanceof UnreadableWorkbook) post({ kind: 'unreadable', detail: String((error.cause as Error | undefined)?.message ?? '') });
    else post({ kind: 'failed', detail: error instanceof Error ? error.message : String(error) });
  }
}
