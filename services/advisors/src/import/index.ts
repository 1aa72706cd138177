// The bulk import of today's ledgers (台账导入): a CSV reader and the row parser, pure. The XLSX reader,
// the command line and the upload route come later (see the service README's "where it stands").
export { readCsv, type CsvResult } from './csv.js';
export { parseLedgerSheet, type LedgerSheetOptions, type LedgerSheetResult } from './ledger-sheet.js';
export { formatImportErrors, type ImportError, type ImportRule } from './errors.js';
export { columns, type ColumnKey } from './columns.js';
export { readDate, readDurationMinutes, readServiceType, readMode, readClockTime } from './cells.js';
