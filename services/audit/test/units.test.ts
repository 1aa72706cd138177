// The pure parts: the Merkle root, the field-by-field diff, masking, the anchor file's signature.
import { generateKeyPairSync } from 'node:crypto';
import t from 'tap';
import { anchorBody, checkAnchorFile, signAnchor } from '../src/anchors/anchor-file.js';
import { merkleRoot } from '../src/anchors/merkle.js';
import { diffStates } from '../src/history/json-diff.js';
import { masked, maskValue, personalDataIn } from '../src/privacy/mask.js';

const head = (stream: string, revision = '0', hash = 'a'.repeat(64)) => ({ stream, revision, hash });

t.test('merkle root: order-free, sensitive to every head, to a missing one and to a duplicated last', async (t) => {
  const heads = [head('a'), head('b'), head('c')];
  const root = merkleRoot(heads);
  t.equal(merkleRoot([...heads].reverse()), root, 'sorted by name first');
  t.not(merkleRoot([head('a'), head('b', '1'), head('c')]), root, 'a revision');
  t.not(merkleRoot([head('a'), head('b', '0', 'b'.repeat(64)), head('c')]), root, 'a hash');
  t.not(merkleRoot(heads.slice(0, 2)), root, 'a stream dropped');
  t.not(merkleRoot([...heads, head('c')]), root, 'the last repeated');
  t.match(merkleRoot([]), /^[0-9a-f]{64}$/);
});

t.test('diff: added, removed, changed, nested and in arrays; shared subtrees skipped', async (t) => {
  const shared = { big: [1, 2, 3] };
  t.same(diffStates({ a: 1, s: shared, l: [1] }, { a: 2, s: shared, l: [1, 2], n: { x: 1 } }), [
    { path: 'a', change: 'changed', before: 1, after: 2 },
    { path: 'l[1]', change: 'added', after: 2 },
    { path: 'n', change: 'added', after: { x: 1 } },
  ]);
  t.same(diffStates({ a: { b: 'x' }, gone: true }, { a: { b: 'y' } }), [
    { path: 'a.b', change: 'changed', before: 'x', after: 'y' },
    { path: 'gone', change: 'removed', before: true },
  ]);
  t.same(diffStates({ status: 'a' }, { status: 'a' }), []);
  t.same(diffStates(null, { status: 'a' }), [{ path: '(state)', change: 'changed', before: null, after: { status: 'a' } }]);
});

t.test('masking: personal fields, their values in free text, phone and ID shapes', async (t) => {
  const data = { citizen: { name: '张三丰', phone: '13812345678' }, content: '张三丰来电，身份证440114198503151234，另一号码13900001111' };
  const personal = personalDataIn([data]);
  t.same(personal.fields, ['citizen.name', 'citizen.phone']);
  const out = JSON.stringify(masked(data, personal));
  for (const secret of ['张三丰', '13812345678', '440114198503151234', '13900001111']) t.notOk(out.includes(secret), secret);
  t.equal(maskValue('13812345678'), '138****5678');
  t.equal(maskValue('张三丰'), '张**');
});

t.test('the anchor file: signed, and any change breaks it', async (t) => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const file = signAnchor(anchorBody({ anchorId: 'x', cityId: 'gz', createdAt: '2026-03-02T00:00:00.000Z', position: '1/1', events: 3, heads: [head('b'), head('a')] }), privateKey, publicKey);
  t.same(file.heads.map((h) => h.stream), ['a', 'b']);
  t.same(checkAnchorFile(file, publicKey), { signatureValid: true, signedByThisService: true, rootMatchesHeads: true });
  t.equal(checkAnchorFile({ ...file, events: 4 }, publicKey).signatureValid, false);
  t.equal(checkAnchorFile({ ...file, heads: [head('a')] }, publicKey).rootMatchesHeads, false);
  t.equal(checkAnchorFile(file, other.publicKey).signedByThisService, false);
});
