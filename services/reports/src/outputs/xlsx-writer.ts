// A plain XLSX writer (Office Open XML in a zip: inline strings, numbers, one bold header row): the
// drill-down lists run to millions of rows at a province's scale, which ExcelJS writes at a few thousand a
// second. Only what a table needs; ExcelJS still reads the result (the tests load it with it). Streamed:
// a sheet's rows are read when its turn comes (the next one read meanwhile) and each sheet's part is
// compressed off the main thread while the next is written, so a workbook of a province's lists is never
// whole in memory and the database, the writing and the compressing overlap.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

export type XlsxCell = string | number | null;
type Rows = readonly (readonly XlsxCell[])[];
export interface XlsxSheet {
  readonly name: string;
  /** The first row is the header (bold); a function: read when the sheet's turn comes. */
  readonly rows: Rows | (() => Promise<Rows>);
}

const NOT_PLAIN = /[<>&"\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
const escapeXml = (text: string) => (!NOT_PLAIN.test(text) ? text : text.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c)
  // Characters XML 1.0 cannot carry.
  .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''));
/** Leading or trailing spaces are kept only when the cell says so (the regular expression only for an edge that may be a space). */
const EDGE_SPACE = /^\s|\s$/;
const mayBeSpace = (code: number) => code <= 32 || code >= 127;
const edgeSpace = (text: string) => text.length > 0 && (mayBeSpace(text.charCodeAt(0)) || mayBeSpace(text.charCodeAt(text.length - 1))) && EDGE_SPACE.test(text);

const column = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : column(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
const COLUMNS = Array.from({ length: 64 }, (_, i) => column(i));

/** A sheet's part written straight into bytes, row by row: no sheet-long string (a province's sheet is megabytes) to build, join and copy. */
class Bytes {
  private buffer: Buffer;
  private length = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }
  write(text: string): void {
    // UTF-8 takes at most three bytes per UTF-16 unit.
    if (this.length + text.length * 3 > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length * 3));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, 'utf8');
  }
  get bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

function sheetXml(rows: Rows): Buffer {
  const out = new Bytes(4096 + rows.length * 512);
  out.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r]!;
    const style = r === 0 ? ' s="1"' : '';
    const n = r + 1;
    let line = `<row r="${n}">`;
    for (let c = 0; c < row.length; c += 1) {
      const cell = row[c];
      if (cell === null || cell === undefined) continue;
      const ref = `${COLUMNS[c] ?? column(c)}${n}`;
      if (typeof cell === 'number' && Number.isFinite(cell)) line += `<c r="${ref}"${style}><v>${cell}</v></c>`;
      else {
        const text = String(cell);
        line += `<c r="${ref}"${style} t="inlineStr"><is><t${edgeSpace(text) ? ' xml:space="preserve"' : ''}>${escapeXml(text)}</t></is></c>`;
      }
    }
    out.write(`${line}</row>`);
  }
  out.write('</sheetData></worksheet>');
  return out.bytes;
}

const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="2"><xf fontId="0"/><xf fontId="1" applyFont="1"/></cellXfs></styleSheet>';

const compress = promisify(deflateRaw);
/** How many sheets' rows are being read while one is written. */
const READ_AHEAD = 2;

/** One file of the archive, compressed (the fastest level: a workbook is fetched once, and compressing harder costs more than it saves). */
async function entryOf(name: string, data: Buffer) {
  return { name: Buffer.from(name, 'utf8'), crc: crc32(data), size: data.length, body: await compress(data, { level: 1 }) };
}
type Entry = Awaited<ReturnType<typeof entryOf>>;

/** A zip archive of these files, each file's local header and body as soon as it is compressed, then the directory. */
async function* zipped(files: AsyncIterator<{ readonly pending: Promise<Entry> }>): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (let step = await files.next(); !step.done;) {
    // The next file asked for before this one is awaited: its XML is written while this one compresses.
    const following = files.next();
    following.catch(() => {});
    const { name, crc, size, body } = await step.value.pending;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(body.length, 18); local.writeUInt32LE(size, 22); local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 4); entry.writeUInt16LE(20, 6); entry.writeUInt16LE(0x0800, 8); entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16); entry.writeUInt32LE(body.length, 20); entry.writeUInt32LE(size, 24); entry.writeUInt16LE(name.length, 28); entry.writeUInt32LE(offset, 42);
    yield Buffer.concat([local, name, body]);
    central.push(entry, name);
    offset += local.length + name.length + body.length;
    count += 1;
    step = await following;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(count, 8); end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12); end.writeUInt32LE(offset, 16);
  yield Buffer.concat([directory, end]);
}

/**
 * The workbook as a stream. Sheet by sheet: the next sheets' rows are asked for before this one's XML is
 * written, and this one's part compresses (on the thread pool) while the next is written; at most a few
 * sheets' rows and two sheets' parts are held at once.
 */
export function xlsxStream(sheets: readonly XlsxSheet[]): Readable {
  const xml = (text: string) => Buffer.from(text, 'utf8');
  const ns = 'http://schemas.openxmlformats.org';
  const head = [
    { name: '[Content_Types].xml', data: xml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="${ns}/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`) },
    { name: '_rels/.rels', data: xml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships"><Relationship Id="rId1" Type="${ns}/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`) },
    { name: 'xl/workbook.xml', data: xml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${ns}/spreadsheetml/2006/main" xmlns:r="${ns}/officeDocument/2006/relationships"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`) },
    { name: 'xl/_rels/workbook.xml.rels', data: xml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${ns}/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${ns}/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rId${sheets.length + 1}" Type="${ns}/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`) },
    { name: 'xl/styles.xml', data: xml(STYLES) },
  ];
  const rowsOf = (sheet: XlsxSheet) => (typeof sheet.rows === 'function' ? sheet.rows() : Promise.resolve(sheet.rows));
  // Each file's compression handed on as a promise (an async generator would await it before going on).
  async function* entries(): AsyncGenerator<{ readonly pending: Promise<Entry> }> {
    for (const file of head) yield { pending: entryOf(file.name, file.data) };
    // The rows of the next sheets asked for before this one's XML is written (two at a time: the database
    // reads them on a core of its own meanwhile); one that fails while an earlier sheet is written is
    // not left unhandled meanwhile.
    const ask = (i: number) => {
      const rows = rowsOf(sheets[i]!);
      rows.catch(() => {});
      return rows;
    };
    const asked = sheets.slice(0, READ_AHEAD).map((_, i) => ask(i));
    for (let i = 0; i < sheets.length; i += 1) {
      const rows = await asked.shift()!;
      if (i + READ_AHEAD < sheets.length) asked.push(ask(i + READ_AHEAD));
      yield { pending: entryOf(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(rows)) };
    }
  }
  return Readable.from(zipped(entries()), { objectMode: false });
}
