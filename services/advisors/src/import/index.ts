// The bulk import of today's ledgers (台账导入): the CSV and XLSX readers, the row parser (pure), the template.
export { readCsv, type CsvResult } from './csv.js';
export { ledgerSheetReader, parseLedgerSheet, type LedgerSheetOptions, type LedgerSheetReader, type LedgerSheetResult } from './ledger-sheet.js';
export { formatImportErrors, type ImportError, type ImportRule } from './errors.js';
export { columns, type ColumnKey } from './columns.js';
export { readDate, readDurationMinutes, readServiceType, readMode, readClockTime } from './cells.js';
export { openXlsx, readXlsx, cellText, EXPLANATION_SHEETS, UnreadableWorkbook, type OpenedWorkbook, type SheetRow, type StreamedSheet, type WorkbookSheets } from './xlsx.js';
export { ledgerTemplate } from './template.js';
export { ledgerExport, type ExportVillage } from './export.js';
export { openXlsxOnWorker } from './xlsx-on-worker.js';
