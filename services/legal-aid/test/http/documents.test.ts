// 受理回执 as HTML for the screen and PDF for the printer, with the Chinese font that comes with the
// dependencies: what it says, who may print it, and that another district's file has none.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

// Each document's page as rendered, to look at (as the console's browser tests keep theirs).
const SHOTS = join(tmpdir(), 'legal-aid-documents');
mkdirSync(SHOTS, { recursive: true });

t.test('the receipt, as HTML and as PDF', async (t) => {
  const f = await legalAidFixture(t);
  const documents = [await f.uploadScan('身份证复印件', Buffer.alloc(120_000, 1)), await f.uploadScan('出生医学证明', Buffer.alloc(80_000, 2), 'application/pdf')];
  const taken = await f.submit(application({
    recipient: { name: '李小明', document: { type: 'resident_id', number: residentId('20120605', 342) }, groups: ['minor'] },
    applicantRelation: 'legal_representative',
    matterType: 'support_payment',
    aidForm: 'civil_administrative_representation',
    documents,
  }, { name: '李大山' }), f.tokens.huaduClerk);
  t.equal(taken.statusCode, 201, taken.body);
  const { caseId, applicationNumber } = taken.json();
  const html = await f.get(`/files/${caseId}/documents/receipt`, f.tokens.huaduClerk);
  t.equal(html.statusCode, 200, html.body.slice(0, 300));
  t.match(html.headers['content-type'], /text\/html/);
  for (const text of ['法律援助申请受理回执', applicationNumber, '花都区新华街法律援助工作站', '李大山', '李小明', '身份证复印件', '出生医学证明', '绿色通道', '第四十九条']) {
    t.ok(html.body.includes(text), `says ${text}`);
  }
  t.match(html.body, /@font-face\{font-family:'Noto Sans SC'.*src:url\(data:font\/woff2;base64,/, 'the font travels with the page');
  t.notOk(html.body.includes(residentId('20120605', 342)), 'no identity number on the receipt');

  const pdf = await f.get(`/files/${caseId}/documents/receipt?format=pdf`, f.tokens.huaduClerk);
  t.equal(pdf.statusCode, 200);
  t.equal(pdf.headers['content-type'], 'application/pdf');
  t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  t.match(pdf.rawPayload.toString('latin1'), /NotoSansSC/, 'the Chinese font is embedded');
  const png = await f.app.legalAidPdf.screenshot(html.body);
  t.equal(png.subarray(1, 4).toString(), 'PNG');
  writeFileSync(join(SHOTS, 'receipt.png'), png);
  const shot = async (name: string, body: string) => {
    const image = await f.app.legalAidPdf.screenshot(body);
    t.equal(image.subarray(1, 4).toString(), 'PNG', `${name} rendered`);
    writeFileSync(join(SHOTS, `${name}.png`), image);
  };

  t.equal((await f.get(`/files/${caseId}/documents/receipt`, f.tokens.baiyunClerk)).statusCode, 404, 'another district\'s receipt: no such file');
  t.equal((await f.get(`/files/${caseId}/documents/receipt?format=pdf`, f.tokens.cityAuditor)).statusCode, 403, 'auditors do not print receipts');

  t.test('the other notices, each once the file has come to it', async (t) => {
    const notYet = await f.get(`/files/${caseId}/documents/decision`, f.tokens.huaduReviewer);
    t.equal(notYet.statusCode, 422);
    t.equal(notYet.json().rule, 'document_not_available');
    t.equal((await f.post(caseId, 'materials-request', { items: ['户口簿', '收入证明'] }, f.tokens.huaduReviewer)).statusCode, 200);
    const materials = await f.get(`/files/${caseId}/documents/materials-notice`, f.tokens.huaduReviewer);
    for (const text of ['一次性告知书', '户口簿', '收入证明', '视为撤回', '2026年3月23日前']) t.ok(materials.body.includes(text), `the materials notice says ${text}`);
    await shot('materials-notice', materials.body);
    t.equal((await f.post(caseId, 'materials-supply', { items: ['户口簿', '收入证明'] }, f.tokens.huaduReviewer)).statusCode, 200);
    t.equal((await f.post(caseId, 'refusal', { reasons: '经核查，申请人家庭经济状况不符合经济困难标准' })).statusCode, 200);
    const refusal = await f.get(`/files/${caseId}/documents/decision`, f.tokens.huaduHead);
    for (const text of ['不予法律援助决定书', '不符合经济困难标准', '第四十九条', '花都区司法局', '五个工作日']) t.ok(refusal.body.includes(text), `the refusal says ${text}`);
    await shot('refusal', refusal.body);

    // The decision to grant, on another application.
    const granted = await f.submit(application({}, { id: residentId('19800101', 21) }), f.tokens.huaduClerk);
    t.equal(granted.statusCode, 201, granted.body);
    const grantedId = granted.json().caseId;
    const status = await f.post(grantedId, 'economic-status', { status: { kind: 'personal_pledge', pledgeSignedAt: '2026-03-02T08:30:00+08:00' } }, f.tokens.huaduReviewer);
    t.equal(status.statusCode, 200, status.body);
    const approval = await f.post(grantedId, 'approval', {});
    t.equal(approval.statusCode, 200, approval.body);
    const grant = await f.get(`/files/${grantedId}/documents/decision`, f.tokens.huaduHead);
    t.equal(grant.statusCode, 200, grant.body.slice(0, 300));
    for (const text of ['给予法律援助决定书', granted.json().applicationNumber]) t.ok(grant.body.includes(text), `the decision to grant says ${text}`);
    await shot('grant', grant.body);
    const pdf = await f.get(`/files/${caseId}/documents/decision?format=pdf`, f.tokens.huaduHead);
    t.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');

    const notice = await f.app.inject({ method: 'POST', url: '/notified-cases', headers: { authorization: f.tokens.huaduReviewer }, payload: {
      commandId: '7a1c1f2e-8c3b-4b6a-9d2e-0f1a2b3c4d5e', notifyingAuthority: { kind: 'procuratorate', name: '花都区人民检察院', sits: { districtId: 'huadu' } },
      ground: 'minor', charge: '盗窃罪', defendant: { name: '小周', document: { type: 'unknown' } },
    } });
    const notified = notice.json().caseId;
    await f.registerLawyer('huadu', { lawyerId: 'lawyer-chen', name: '陈律师', firmId: 'firm-mou', firmName: '广东某某律师事务所', since: '2021-05-01' });
    t.equal((await f.post(notified, 'lawyer-assignment', { lawyerId: 'lawyer-chen' })).statusCode, 200);
    const assignment = await f.get(`/files/${notified}/documents/assignment-notice`, f.tokens.huaduHead);
    for (const text of ['指派通知书', '陈律师', '广东某某律师事务所', '小周']) t.ok(assignment.body.includes(text), `the assignment notice says ${text}`);
    await shot('assignment-notice', assignment.body);
    const authority = await f.get(`/files/${notified}/documents/authority-notice`, f.tokens.huaduHead);
    for (const text of ['告知函', '花都区人民检察院', '第三十六条', '陈律师']) t.ok(authority.body.includes(text), `the notice to the authority says ${text}`);
    await shot('authority-notice', authority.body);
    t.equal((await f.get(`/files/${notified}/documents/receipt`, f.tokens.huaduHead)).statusCode, 422, 'a notified case has no receipt');
  });
});
