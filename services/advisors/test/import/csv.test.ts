// The CSV reader: RFC 4180 quoting, CRLF or LF, UTF-8 with or without a BOM, nothing invented at the end.
import t from 'tap';
import { readCsv } from '../../src/import/index.js';

const rowsOf = (input: string | Uint8Array) => {
  const result = readCsv(input);
  if (!result.ok) throw new Error(`unexpected ${result.rule}`);
  return result.rows;
};

t.test('plain fields, commas and line ends (CRLF, LF), no empty record after the final line end', async (t) => {
  t.strictSame(rowsOf('a,b,c\r\n1,2,3\r\n'), [['a', 'b', 'c'], ['1', '2', '3']]);
  t.strictSame(rowsOf('a,b\n1,2'), [['a', 'b'], ['1', '2']]);
  t.strictSame(rowsOf('a,,c\n'), [['a', '', 'c']]);
  t.strictSame(rowsOf(''), []);
});

t.test('quoted fields hold commas, line ends and doubled quotes', async (t) => {
  t.strictSame(rowsOf('"a,b","line1\r\nline2","say ""hi"""\r\n'), [['a,b', 'line1\r\nline2', 'say "hi"']]);
  t.strictSame(rowsOf('x,""\n'), [['x', '']]);
  t.strictSame(rowsOf('x,""'), [['x', '']], 'an empty quoted last field without a line end');
});

t.test('a UTF-8 byte-order mark is dropped, from text and from bytes', async (t) => {
  t.strictSame(rowsOf('\uFEFF日期,村\n'), [['日期', '村']]);
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('日期,村\n')]);
  t.strictSame(rowsOf(bytes), [['日期', '村']]);
  t.strictSame(rowsOf(new TextEncoder().encode('日期,村\n')), [['日期', '村']], 'and without one');
});

t.test('bytes that are not UTF-8 (a GBK export) are refused with the way to fix it', async (t) => {
  const gbk = new Uint8Array([0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0x0a]); // 日期 in GBK
  t.match(readCsv(gbk), { ok: false, rule: 'not_utf8' });
});

t.test('an unterminated quote or text after a closing quote is refused with its row', async (t) => {
  t.match(readCsv('a,b\n"open,c\n'), { ok: false, rule: 'unterminated_quote', row: 2 });
  t.match(readCsv('a\n"x"y,b\n'), { ok: false, rule: 'text_after_quote', row: 2 });
});
