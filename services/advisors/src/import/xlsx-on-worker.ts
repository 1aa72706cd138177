// A large workbook read on a worker thread (xlsx-worker.ts) while this thread checks its rows: the same
// rows as openXlsx gives, as they arrive. Reading a province's month is about half of what the import
// does with it before writing; on a thread of its own it runs beside the row checks and the ledgers'
// decisions (and its garbage is collected in its own heap), not before them.
import { Worker } from 'node:worker_threads';
import { UnreadableWorkbook, type OpenedWorkbook, type SheetRow, type StreamedSheet } from './xlsx.js';

export type FromXlsxWorker =
  | { readonly kind: 'not_xlsx'; readonly detail: string }
  | { readonly kind: 'sheet'; readonly name: string }
  | { readonly kind: 'rows'; readonly json: string }
  | { readonly kind: 'sheet_end' }
  | { readonly kind: 'end' }
  | { readonly kind: 'unreadable'; readonly detail: string }
  | { readonly kind: 'failed'; readonly detail: string };

/** The worker's messages in order; a worker that fails (or stops before its last message) throws. */
function inboxOf(worker: Worker): () => Promise<FromXlsxWorker> {
  const queue: FromXlsxWorker[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: FromXlsxWorker) => {
    queue.push(message);
    wake?.();
  });
  worker.once('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.once('exit', (code) => {
    failure ??= new Error(`the workbook's reader stopped (${code}) before it had read the workbook`);
    wake?.();
  });
  return async () => {
    for (;;) {
      const message = queue.shift();
      if (message) return message;
      if (failure) throw failure;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  };
}

/** As openXlsx, the reading done on a worker thread. */
export async function openXlsxOnWorker(file: Buffer): Promise<OpenedWorkbook> {
  const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), { workerData: { file } });
  const next = inboxOf(worker);
  let first: FromXlsxWorker;
  try {
    first = await next();
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  if (first.kind === 'not_xlsx') {
    await worker.terminate();
    return { ok: false, rule: 'not_xlsx', detail: first.detail };
  }
  return { ok: true, sheets: sheetsFrom(worker, first, next) };
}

async function* sheetsFrom(worker: Worker, first: FromXlsxWorker, next: () => Promise<FromXlsxWorker>): AsyncGenerator<StreamedSheet> {
  let message = first;
  let sheetOpen = false;
  async function* rows(): AsyncGenerator<SheetRow> {
    for (;;) {
      const m = await next();
      if (m.kind === 'sheet_end') {
        sheetOpen = false;
        return;
      }
      if (m.kind === 'unreadable') throw new UnreadableWorkbook(new Error(m.detail));
      if (m.kind === 'failed') throw new Error(`the workbook's reader failed: ${m.detail}`);
      if (m.kind !== 'rows') throw new Error(`the workbook's reader sent ${m.kind} within a sheet`);
      for (const [number, cells] of JSON.parse(m.json) as [number, string[]][]) yield { number, cells };
    }
  }
  try {
    for (;;) {
      if (message.kind === 'end') return;
      if (message.kind === 'unreadable') throw new UnreadableWorkbook(new Error(message.detail));
      if (message.kind !== 'sheet') throw new Error(`the workbook's reader sent ${message.kind} between sheets`);
      sheetOpen = true;
      const sheetRows = rows();
      yield { name: message.name, rows: sheetRows };
      // A sheet left half read by the caller: its remaining rows are passed over.
      while (sheetOpen) {
        const m = await next();
        if (m.kind === 'sheet_end') sheetOpen = false;
        else if (m.kind !== 'rows') throw new UnreadableWorkbook(new Error(m.kind));
      }
      message = await next();
    }
  } finally {
    await worker.terminate();
  }
}
