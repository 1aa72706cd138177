// Exports (JSON Lines for machines, HTML for people), and an event stored in an older schema version
// replayed through the hotline's own upcasters (the fixture keeps one such event).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
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
