import t from 'tap';
import { beijingDate, escapeHtml, fontFacesFor, PdfRenderer } from '../src/index.js';

t.test('a page embeds only the font subsets its own text needs', async (t) => {
  const short = fontFacesFor('受理回执');
  const long = fontFacesFor('受理回执 法律援助申请 一次性告知书 准予法律援助决定书 给予法律援助决定 指派通知书');
  t.match(short, /@font-face\{font-family:'Noto Sans SC'.*data:font\/woff2;base64,/);
  t.ok(long.split('@font-face').length >= short.split('@font-face').length, 'more characters, at least as many subsets');
  t.equal(fontFacesFor(''), '', 'no text, no font');
});

t.test('text helpers', async (t) => {
  t.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  t.equal(beijingDate('2026-03-01T16:30:00Z'), '2026年3月2日', 'after 16:00 UTC it is the next day in Beijing');
  t.equal(beijingDate('2026-03-01T02:05:00Z', true), '2026年3月1日 10:05');
});

t.test('the renderer prints Chinese HTML as an A4 PDF with a browser from npm', async (t) => {
  const renderer = new PdfRenderer();
  t.teardown(() => renderer.close());
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${fontFacesFor('法律援助受理回执')} body{font-family:'Noto Sans SC'}</style></head><body><h1>法律援助受理回执</h1></body></html>`;
  const pdf = await renderer.pdf(html);
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  t.match(pdf.toString('latin1'), /NotoSansSC/, 'the embedded font is in the file');
  const png = await renderer.screenshot(html);
  t.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
});
