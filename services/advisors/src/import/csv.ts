// A CSV reader for the ledgers people keep today (RFC 4180): comma-separated, fields optionally quoted
// with '"', a quote inside a quoted field doubled, records ending in CRLF or LF; UTF-8 with or without a
// byte-order mark (Excel writes one). Pure: text or bytes in, rows of cell strings out.

export type CsvResult =
  | { readonly ok: true; readonly rows: string[][] }
  | { readonly ok: false; readonly row: number; readonly rule: 'not_utf8' | 'unterminated_quote' | 'text_after_quote'; readonly detail: string };

const BOM = '\uFEFF';

export function readCsv(input: string | Uint8Array): CsvResult {
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return { ok: false, row: 0, rule: 'not_utf8', detail: '文件不是UTF-8编码，请另存为“CSV UTF-8” / the file is not UTF-8: save it as "CSV UTF-8"' };
    }
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  return parse(text);
}

function parse(text: string): CsvResult {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      // A quoted field: up to the quote that is not doubled.
      const startRow = rows.length + 1;
      i += 1;
      for (;;) {
        if (i >= text.length) {
          return { ok: false, row: startRow, rule: 'unterminated_quote', detail: '引号未闭合 / a quoted field is never closed' };
        }
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { ok: false, row: startRow, rule: 'text_after_quote', detail: '引号后还有文字 / text follows a closing quote' };
      }
      // The field has ended; what follows is handled by the loop: a comma, a line end, or the end.
      if (next === undefined) break;
      continue;
    }
    if (c === ',') {
      endField();
      i += 1;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      i += 1;
    }
  }
  // The last record, unless the text ended with its line end (no empty record after a final newline).
  if (field !== '' || row.length > 0 || (text.length > 0 && text.at(-1) === '"')) endRow();
  return { ok: true, rows };
}
