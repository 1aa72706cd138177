// Bad input on every route: a 400 problem+json naming the field, and nothing written. A resident ID
// number that is wrong says which of the three checks failed (format, birth date, check digit).
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('every route refuses bad input with a 400 naming the field, and writes nothing', async (t) => {
  const f = await legalAidFixture(t);
  const taken = await f.submit(application(), f.tokens.huaduReviewer);
  t.equal(taken.statusCode, 201, taken.body);
  const { caseId } = taken.json();
  const good = residentId('19800101', 123);
  const wrongCheck = `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}`;
  const cmd = (extra: object = {}) => ({ commandId: randomUUID(), ...extra });
  const file = (action: string) => `/files/${caseId}/${action}`;

  const cases: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: object; field: string; says?: RegExp; token?: string }[] = [
    { method: 'POST', url: '/applications', payload: application({}, { id: wrongCheck }), field: 'body.applicant.document.number', says: /校验码|check/i },
    { method: 'POST', url: '/applications', payload: application({}, { id: `${good.slice(0, 6)}19801301${good.slice(14)}` }), field: 'body.applicant.document.number', says: /出生日期|birth/i },
    { method: 'POST', url: '/applications', payload: application({}, { id: '44011419800101' }), field: 'body.applicant.document.number', says: /18|format/i },
    { method: 'POST', url: '/applications', payload: application({}, { phone: '12345' }), field: 'body.applicant.phone' },
    { method: 'POST', url: '/applications', payload: application({ summary: '' }), field: 'body.summary' },
    { method: 'POST', url: '/applications', payload: application({ matterType: 'divorce' }), field: 'body.matterType' },
    { method: 'POST', url: '/applications', payload: application({ documents: [{ name: '身份证复印件', contentHash: 'abc', sizeBytes: 10 }] }), field: 'body.documents.0.contentHash' },
    { method: 'POST', url: '/applications', payload: application({ documents: [{ name: '扫描件', contentHash: 'a'.repeat(64), sizeBytes: 50 * 1024 * 1024 }] }), field: 'body.documents.0.sizeBytes' },
    { method: 'POST', url: '/custody-announcements', payload: cmd({ forwardingAuthority: '花都区看守所', receivedByAuthorityAt: 'yesterday' }), field: 'body.receivedByAuthorityAt' },
    { method: 'POST', url: '/notified-cases', payload: cmd({ notifyingAuthority: { kind: 'court', name: '花都区人民法院', sits: { districtId: 'huadu' } }, ground: 'rich', charge: '盗窃罪', defendant: { name: '某甲', document: { type: 'unknown' } } }), field: 'body.ground' },
    { method: 'POST', url: file('competence-override'), payload: cmd({ competentOfficeId: 'baiyun-legal-aid' }), field: 'body.reason' },
    { method: 'POST', url: file('transfer'), payload: {}, field: 'body.commandId' },
    { method: 'POST', url: file('transfer-receipt'), payload: { commandId: 'not-a-uuid' }, field: 'body.commandId' },
    { method: 'POST', url: file('materials-request'), payload: cmd({ items: [] }), field: 'body.items' },
    { method: 'POST', url: file('materials-supply'), payload: cmd({ items: [''] }), field: 'body.items.0' },
    { method: 'POST', url: file('withdrawal'), payload: cmd({ reason: '   ' }), field: 'body.reason' },
    { method: 'POST', url: file('economic-status'), payload: cmd({ status: { kind: 'art42_exempt', ground: 'rich', proof: '证明' } }), field: 'body.status.ground' },
    { method: 'POST', url: file('preliminary-aid'), payload: cmd({ ground: { kind: 'deadline_near', deadline: 'limitation_period', deadlineAt: 'soon' } }), field: 'body.ground.deadlineAt' },
    { method: 'POST', url: file('approval'), payload: cmd({ approved: true }), field: 'body.approved' },
    { method: 'POST', url: file('refusal'), payload: cmd({}), field: 'body.reasons' },
    { method: 'POST', url: file('lawyer-assignment'), payload: cmd({ lawyerId: '' }), field: 'body.lawyerId' },
    { method: 'POST', url: file('lawyer-assignment'), payload: cmd({ lawyerId: 'l-1', relevantPracticeYears: 30 }), field: 'body.relevantPracticeYears', says: /not allowed/ },
    { method: 'GET', url: '/districts/huadu/lawyers?limit=500', field: 'querystring.limit', token: f.tokens.huaduAdmin },
    { method: 'POST', url: '/districts/huadu/lawyers', payload: cmd({ lawyerId: 'l-1', name: '陈', licenceNumber: '123', firmId: 'f-1', firmName: '所', relevantPracticeSince: '2020-01-01' }), field: 'body.licenceNumber', token: f.tokens.huaduAdmin },
    { method: 'POST', url: '/districts/huadu/lawyers', payload: cmd({ lawyerId: 'l 1', name: '陈', licenceNumber: '14401201510000001', firmId: 'f-1', firmName: '所', relevantPracticeSince: '2020-01-01' }), field: 'body.lawyerId', token: f.tokens.huaduAdmin },
    { method: 'POST', url: '/districts/huadu/lawyers', payload: cmd({ lawyerId: 'l-1', name: '陈', licenceNumber: '14401201510000001', firmId: 'f-1', firmName: '所', relevantPracticeSince: '2020-02-30' }), field: 'body.relevantPracticeSince', token: f.tokens.huaduAdmin },
    { method: 'PUT', url: '/districts/huadu/lawyers/l-1', payload: cmd({ name: '' }), field: 'body.name', token: f.tokens.huaduAdmin },
    { method: 'POST', url: '/districts/huadu/lawyers/l-1/deactivation', payload: cmd({}), field: 'body.reason', token: f.tokens.huaduAdmin },
    { method: 'GET', url: '/files/no%20such/lawyer-suggestions', field: 'params.caseId' },
    { method: 'POST', url: file('authority-informed'), payload: cmd({ method: '' }), field: 'body.method' },
    { method: 'POST', url: file('objection'), payload: cmd({}), field: 'body.grounds', token: f.tokens.huaduObjections },
    { method: 'POST', url: file('objection-upheld'), payload: cmd({ reasons: 3 }), field: 'body.reasons', token: f.tokens.huaduObjections },
    { method: 'POST', url: file('objection-correction'), payload: cmd({ reasons: '' }), field: 'body.reasons', token: f.tokens.huaduObjections },
    { method: 'POST', url: file('termination'), payload: cmd({ ground: 'bored', basis: 'own_finding', explanation: '无' }), field: 'body.ground' },
    { method: 'POST', url: file('closing'), payload: cmd({ outcome: 'won', summary: '胜诉' }), field: 'body.outcome' },
    { method: 'POST', url: file('follow-up'), payload: cmd({ followUpId: 'fu 1', satisfied: true, note: '满意' }), field: 'body.followUpId' },
    { method: 'POST', url: file('quality-review'), payload: cmd({ grade: 'A', note: '好' }), field: 'body.grade' },
    { method: 'POST', url: '/files/no%20such/approval', payload: cmd(), field: 'params.caseId' },
    { method: 'GET', url: '/files/no%20such', field: 'params.caseId' },
    { method: 'GET', url: '/files/no%20such/documents/receipt', field: 'params.caseId' },
    { method: 'GET', url: `/files/${caseId}/documents/will`, field: 'params.document' },
    { method: 'GET', url: `/files/${caseId}/documents/receipt?format=docx`, field: 'querystring.format' },
    { method: 'GET', url: '/worklist?limit=0', field: 'querystring.limit' },
    { method: 'GET', url: '/worklist?waitingForMaterials=perhaps', field: 'querystring.waitingForMaterials' },
    { method: 'GET', url: '/worklist?sort=recipientName', field: 'querystring.sort' },
    { method: 'GET', url: '/search?name=%E9%99%88%E5%B0%8F&cursor=forged', field: 'querystring.cursor' },
    { method: 'GET', url: `/search?name=${encodeURIComponent('李')}`, field: 'querystring.name' },
    { method: 'GET', url: '/search?documentType=resident_id&documentNumber=123', field: 'querystring.documentNumber' },
    { method: 'GET', url: '/statistics/monthly/2026-13', field: 'params.month' },
    { method: 'GET', url: '/statistics/yearly/1066', field: 'params.year' },
  ];
  const before = await f.streamRevisions();
  for (const c of cases) {
    const res = await f.app.inject({ method: c.method, url: c.url, headers: { authorization: c.token ?? f.tokens.huaduHead }, ...(c.payload ? { payload: c.payload } : {}) });
    t.equal(res.statusCode, 400, `${c.method} ${c.url} → ${c.field}: ${res.body}`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    const errors = (res.json().errors ?? []) as { field: string; message: string }[];
    const named = errors.find((e) => e.field === c.field);
    t.ok(named, `${c.method} ${c.url} names ${c.field}: ${JSON.stringify(errors)}`);
    if (c.says && named) t.match(named.message, c.says, `${c.field} says which check failed`);
  }
  t.strictSame(await f.streamRevisions(), before, 'nothing written');
});
