// Scans of the documents handed in: uploaded to POST /scans, stored once per content hash, size-limited;
// a submission names them by hash and size, and its event records the hash, the size and the media type;
// a submission naming a scan never uploaded is refused (422) and writes nothing. The roles that handle the
// file read a scan back (GET /files/:caseId/scans/:contentHash) as uploaded; nobody else, and nothing
// the file's application does not name.
import t from 'tap';
import { application, legalAidFixture, residentId } from './support.js';

t.test('scans stored by content hash, named by the submission', async (t) => {
  const f = await legalAidFixture(t, { env: { LEGAL_AID_DOCUMENT_MAX_BYTES: '4096' } });
  const upload = (content: Buffer, mediaType = 'image/jpeg', authorization = f.tokens.huaduClerk) =>
    f.app.inject({ method: 'POST', url: '/scans', headers: { authorization, 'content-type': mediaType }, payload: content });
  const scan = Buffer.from('%PDF-1.4 身份证复印件 '.repeat(20));
  const first = await upload(scan, 'application/pdf');
  t.equal(first.statusCode, 200, first.body);
  t.match(first.json(), { contentHash: /^[0-9a-f]{64}$/, sizeBytes: scan.length, mediaType: 'application/pdf', alreadyStored: false });
  const again = await upload(scan, 'application/pdf', f.tokens.huaduReviewer);
  t.match(again.json(), { contentHash: first.json().contentHash, alreadyStored: true }, 'the same content again: stored once');
  t.equal((await f.app.pg.query('SELECT count(*)::int AS n FROM legal_aid_scans')).rows[0].n, 1);
  t.equal((await upload(Buffer.alloc(5000, 7))).statusCode, 413, 'over LEGAL_AID_DOCUMENT_MAX_BYTES');
  t.equal((await upload(Buffer.alloc(0))).statusCode, 400, 'an empty body');
  t.equal((await f.app.inject({ method: 'POST', url: '/scans', headers: { authorization: f.tokens.huaduAuditor, 'content-type': 'image/png' }, payload: scan })).statusCode, 403, 'an auditor does not upload');

  const before = await f.streamRevisions();
  const unknown = await f.submit(application({ documents: [{ name: '证明', contentHash: 'c'.repeat(64), sizeBytes: 100 }] }, { id: residentId('19900101', 11) }));
  t.equal(unknown.statusCode, 422, unknown.body);
  t.equal(unknown.json().rule, 'scan_not_stored');
  const wrongSize = await f.submit(application({ documents: [{ name: '证明', contentHash: first.json().contentHash, sizeBytes: scan.length + 1 }] }, { id: residentId('19900101', 12) }));
  t.equal(wrongSize.statusCode, 422);
  t.strictSame(await f.streamRevisions(), before, 'nothing written, no number taken');

  const taken = await f.submit(application({ documents: [{ name: '身份证复印件', contentHash: first.json().contentHash, sizeBytes: scan.length }] }, { id: residentId('19900101', 13) }));
  t.equal(taken.statusCode, 201, taken.body);
  const events = [];
  for await (const e of f.app.eventStore.readStream(`legalAidCase-${taken.json().caseId}`)) events.push(e);
  t.match(events[0], { type: 'ApplicationSubmitted', data: { documents: [{ name: '身份证复印件', contentHash: first.json().contentHash, sizeBytes: scan.length, mediaType: 'application/pdf' }] } });

  t.test('read back by the people who handle the file, and no one else', async (t) => {
    const caseId = taken.json().caseId as string;
    const hash = first.json().contentHash as string;
    const url = `/files/${caseId}/scans/${hash}`;
    for (const [who, authorization] of [['clerk', f.tokens.huaduClerk], ['reviewer', f.tokens.huaduReviewer], ['head', f.tokens.huaduHead]] as const) {
      const res = await f.get(url, authorization);
      t.equal(res.statusCode, 200, `${who}: ${res.body.slice(0, 200)}`);
      t.ok(res.rawPayload.equals(scan), `${who}: the scan's bytes as uploaded`);
    }
    const res = await f.get(url, f.tokens.huaduReviewer);
    t.equal(res.headers['content-type'], 'application/pdf');
    t.equal(res.headers['content-disposition'], `inline; filename="______"; filename*=UTF-8''${encodeURIComponent('身份证复印件')}`, 'named as handed in');
    t.equal(res.headers['cache-control'], 'private, no-store', 'personal data: kept by no cache');
    t.equal(res.headers['x-content-type-options'], 'nosniff');

    // A scan stored for someone else's file (or no file) is not this file's, though its hash is known.
    const elsewhere = await upload(Buffer.from('另一份材料'), 'image/png');
    const notNamed = await f.get(`/files/${caseId}/scans/${elsewhere.json().contentHash}`, f.tokens.huaduReviewer);
    t.equal(notNamed.statusCode, 404, notNamed.body);
    t.match(notNamed.json().detail, /names no scan/);
    t.equal((await f.get(`/files/${caseId}/scans/${'0'.repeat(64)}`, f.tokens.huaduReviewer)).statusCode, 404, 'a hash nothing has');
    const bad = await f.get(`/files/${caseId}/scans/not-a-hash`, f.tokens.huaduReviewer);
    t.equal(bad.statusCode, 400, 'not a SHA-256');
    t.match(bad.json().errors, [{ field: 'params.contentHash' }]);

    // Another district's office: exactly as a file that does not exist.
    const theirs = await f.get(url, f.tokens.baiyunReviewer);
    const none = await f.get(`/files/no-such-file/scans/${hash}`, f.tokens.baiyunReviewer);
    t.equal(theirs.statusCode, 404);
    t.equal(theirs.json().detail, none.json().detail, 'the same answer as for no file');
    // A scan cannot be masked: the roles that see the file masked, and the auditors, do not get it.
    t.equal((await f.get(url, f.tokens.cityAdmin)).statusCode, 403, 'the city administrator');
    t.equal((await f.get(url, f.tokens.huaduAuditor)).statusCode, 403, 'the district auditor (the audit service records auditors\' views)');
  });
});
