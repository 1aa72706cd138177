// Exports (JSON Lines for machines, the report for people as HTML and PDF), and an event stored in an older schema version
// replayed through the hotline's own upcasters (the fixture keeps one such event).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { viewsOfDay } from '../src/access-log/access-report.js';
import { auditFixture, citizen } from './support/app.js';

t.test('exports and upcasting', async (t) => {
  const f = await auditFixture(t);
  const id = await f.orderWithExtension();

  t.test('JSON Lines: a header with the verdict, then each event with the whole state after it', async (t) => {
    const res = await f.get(`/cases/work-order/${id}/history.jsonl`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /application\/x-ndjson/);
    t.match(res.headers['content-disposition'], /attachment/);
    const lines = res.body.trim().split('\n').map((l) => JSON.parse(l));
    t.equal(lines.length, 7);
    t.match(lines[0], { kind: 'case', caseId: id, events: 6, personalDataMasked: true, verification: { intact: true } });
    t.match(lines[6], { kind: 'event', type: 'WorkOrderReplied', state: { status: 'replied' } });
    t.notMatch(res.body, citizen.name);
  });

  t.test('HTML: readable, escaped, masked', async (t) => {
    const res = await f.get(`/cases/work-order/${id}/report.html`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200);
    t.match(res.headers['content-type'], /text\/html/);
    t.match(res.body, /审计报告/);
    t.match(res.body, /ExtensionApproved/);
    t.match(res.body, /replyDueAt/);
    t.notMatch(res.body, citizen.name);
  });

  t.test('PDF: the same report printed, the Chinese in the embedded font, the view recorded', async (t) => {
    const res = await f.get(`/cases/work-order/${id}/report.pdf`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200, res.body.slice(0, 200));
    t.match(res.headers['content-type'], /application\/pdf/);
    t.match(res.headers['content-disposition'], new RegExp(`work-order-${id}\\.pdf`));
    const pdf = res.rawPayload;
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    t.match(pdf.toString('latin1'), /NotoSansSC/, 'the Chinese font is embedded');
    const html = (await f.get(`/cases/work-order/${id}/report.html`, f.tokens.huaduAuditor)).body;
    t.match(html, /核验 Verification[\s\S]*未被篡改 intact[\s\S]*事件 Events[\s\S]*#0 WorkOrderDispatched[\s\S]*#5 WorkOrderReplied[\s\S]*最终状态/, 'the verdict, each event in order, the state after the last');
    t.match(html, /@font-face\{font-family:'Noto Sans SC'/, 'the font inlined');
    const recorded = await viewsOfDay(f.app.eventStore, new Date().toISOString().slice(0, 10));
    t.match(recorded.at(-2), { caseId: id, view: 'report-pdf', personalDataMasked: ['citizen.name', 'citizen.phone'] }, 'the PDF view is recorded as the others are');
    // To look at the page as printed: AUDIT_SHOTS_DIR=/tmp/audit-shots npm test -- services/audit/test/exports-and-upcasting.test.ts
    const shots = process.env.AUDIT_SHOTS_DIR;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      writeFileSync(join(shots, 'work-order-report.png'), await f.app.audit.printer.screenshot(html));
      writeFileSync(join(shots, 'work-order-report.pdf'), pdf);
    }
  });

  t.test('an event stored as version 1 replays through the upcasters', async (t) => {
    const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures/work-order-dispatched-v1.json'), 'utf8'));
    await f.app.eventStore.appendToStream(`hotlineWorkOrder-${fixture.data.workOrderId}`, [{ type: fixture.type, data: fixture.data, metadata: fixture.metadata }], { expectedRevision: 'no_stream' });
    const res = await f.get(`/cases/work-order/${fixture.data.workOrderId}/history?state=full`, f.tokens.huaduAuditor);
    t.equal(res.statusCode, 200, res.body);
    const [entry] = res.json().entries;
    t.equal(entry.storedSchemaVersion, 1);
    t.equal(entry.data.owner, 'huadu-plsc', 'v2 -> v3: the owner, from the deployment\'s ownership');
    t.ok(Array.isArray(entry.data.officeHours) && entry.data.officeHours.length > 0, 'v1 -> v2: the default office hours');
    t.match(entry.state, { status: 'awaiting_sign_for', owner: 'huadu-plsc' });
    t.equal((await f.get(`/cases/work-order/${fixture.data.workOrderId}/history`, f.tokens.baiyunAuditor)).statusCode, 404, 'its owner scopes it');
  });
});
