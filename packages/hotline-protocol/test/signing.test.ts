import t from 'tap';
import { sign, signingHeaders, verify } from '@bureau/hotline-protocol/signing';

// Computed independently: printf '%s' "$ts.$body" | openssl dgst -sha256 -hmac "$secret"
const secret = 'gz12345-test-secret';
const timestamp = 1759197600; // 2025-09-30T02:00:00Z
const body =
  '{"messageId":"00000000-0000-4000-8000-000000000001","type":"order.urged","orderNo":"GZ2025093000123","occurredAt":"2025-09-30T02:00:00.000Z","data":{"level":"urge"}}';
const expected = 'v1=acac41ee753f0eb2740847d7df66b58f60cfff7054b81e603d26e8cae0e1f691';
const at = (seconds: number) => new Date(seconds * 1000);

t.test('sign matches a vector computed with openssl', async (t) => {
  t.equal(sign(secret, timestamp, body), expected);
  t.equal(sign(secret, timestamp, Buffer.from(body)), expected, 'a Buffer of the same bytes signs the same');
});

t.test('signingHeaders carries the platform, unix seconds and the signature', async (t) => {
  t.same(signingHeaders('gz12345', secret, body, new Date('2025-09-30T02:00:00.900Z')), {
    'x-12345-platform': 'gz12345',
    'x-12345-timestamp': '1759197600',
    'x-12345-signature': expected,
  });
});

t.test('verify', async (t) => {
  const good = { secret, timestamp: String(timestamp), signature: expected, rawBody: body, now: at(timestamp) };
  t.same(verify(good), { ok: true }, 'given the exact body, timestamp and secret, it passes');
  t.same(verify({ ...good, signature: expected.toUpperCase().replace('V1=', 'v1=') }), { ok: true }, 'hex case does not matter');
  t.same(verify({ ...good, rawBody: body.replace('"urge"', '"supervise"') }), { ok: false, reason: 'mismatch' }, 'a tampered body fails');
  t.same(verify({ ...good, rawBody: body + ' ' }), { ok: false, reason: 'mismatch' }, 'one extra byte fails');
  t.same(verify({ ...good, secret: 'another-secret' }), { ok: false, reason: 'mismatch' }, 'another secret fails');
  t.same(verify({ ...good, signature: undefined }), { ok: false, reason: 'missing' });
  t.same(verify({ ...good, timestamp: undefined }), { ok: false, reason: 'missing' });
  t.same(verify({ ...good, signature: expected.replace('v1=', 'v2=') }), { ok: false, reason: 'malformed' });
  t.same(verify({ ...good, signature: expected.slice(0, -2) }), { ok: false, reason: 'malformed' }, 'a short signature is refused before comparing');
  t.same(verify({ ...good, timestamp: '1759197600.5' }), { ok: false, reason: 'malformed' });
});

t.test('verify keeps to the 5-minute window on both sides', async (t) => {
  const signedAt = (ts: number) => ({ secret, timestamp: String(ts), signature: sign(secret, ts, body), rawBody: body });
  const now = at(timestamp);
  t.same(verify({ ...signedAt(timestamp - 300), now }), { ok: true }, 'exactly 5 minutes old is still inside');
  t.same(verify({ ...signedAt(timestamp - 301), now }), { ok: false, reason: 'stale' }, 'older than 5 minutes fails');
  t.same(verify({ ...signedAt(timestamp + 300), now }), { ok: true }, 'exactly 5 minutes ahead is still inside');
  t.same(verify({ ...signedAt(timestamp + 301), now }), { ok: false, reason: 'stale' }, 'more than 5 minutes in the future fails');
});
