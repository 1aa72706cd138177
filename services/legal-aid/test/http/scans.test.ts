// Scans of the documents handed in: uploaded to POST /scans, stored once per content hash, size-limited;
// a submission names them by hash and size, and its event records the hash, the size and the media type;
// a submission naming a scan never uploaded is refused (422) and writes nothing.
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
});
