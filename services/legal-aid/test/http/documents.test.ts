// 受理回执 as HTML for the screen and PDF for the printer, with the Chinese font that comes with the
// dependencies: what it says, who may print it, and that another district's file has none.
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('the receipt, as HTML and as PDF', async (t) => {
  const f = await legalAidFixture(t);
  const taken = await f.submit(application({
    recipient: { name: '李小明', document: { type: 'resident_id', number: residentId('20120605', 342) }, groups: ['minor'] },
    applicantRelation: 'legal_representative',
    matterType: 'support_payment',
    aidForm: 'civil_administrative_representation',
    documents: [{ name: '身份证复印件', contentHash: 'a'.repeat(64), sizeBytes: 120_000 }, { name: '出生医学证明', contentHash: 'b'.repeat(64), sizeBytes: 80_000 }],
  }, { name: '李大山' }), f.tokens.huaduClerk);
  t.equal(taken.statusCode, 201, taken.body);
  const { caseId, applicationNumber } = taken.json();
  const html = await f.get(`/files/${caseId}/receipt`, f.tokens.huaduClerk);
  t.equal(html.statusCode, 200, html.body.slice(0, 300));
  t.match(html.headers['content-type'], /text\/html/);
  for (const text of ['法律援助申请受理回执', applicationNumber, '花都区新华街法律援助工作站', '李大山', '李小明', '身份证复印件', '出生医学证明', '绿色通道', '第四十九条']) {
    t.ok(html.body.includes(text), `says ${text}`);
  }
  t.match(html.body, /@font-face\{font-family:'Noto Sans SC'.*src:url\(data:font\/woff2;base64,/, 'the font travels with the page');
  t.notOk(html.body.includes(residentId('20120605', 342)), 'no identity number on the receipt');

  const pdf = await f.get(`/files/${caseId}/receipt.pdf`, f.tokens.huaduClerk);
  t.equal(pdf.statusCode, 200);
  t.equal(pdf.headers['content-type'], 'application/pdf');
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  t.match(pdf.rawPayload.toString('latin1'), /NotoSansSC/, 'the Chinese font is embedded');
  const png = await f.app.legalAidPdf.screenshot(html.body);
  t.equal(png.subarray(1, 4).toString(), 'PNG');

  t.equal((await f.get(`/files/${caseId}/receipt`, f.tokens.baiyunClerk)).statusCode, 404, 'another district\'s receipt: no such file');
  t.equal((await f.get(`/files/${caseId}/receipt.pdf`, f.tokens.cityAuditor)).statusCode, 403, 'auditors do not print receipts');
});
