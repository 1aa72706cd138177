// The Merkle root over stream heads, as anchors record it. Leaves in stream-name order (UTF-16 code
// units, as JavaScript sorts), each SHA-256(0x00 ‖ "name\nrevision\nhash"); a node SHA-256(0x01 ‖ left ‖
// right); a lone last node goes up unchanged. No heads: SHA-256 of nothing. The prefixes keep a leaf from
// passing for a node (RFC 6962's rule), so nobody can shorten the list and keep the root.
import { createHash } from 'node:crypto';
import type { StreamHead } from '../verification/chain-checker.js';

const sha256 = (...parts: Buffer[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafOf = (head: StreamHead): Buffer =>
  sha256(Buffer.from([0]), Buffer.from(`${head.stream}\n${head.revision}\n${head.hash}`, 'utf8'));

export function merkleRoot(heads: readonly StreamHead[]): string {
  const sorted = [...heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  if (sorted.length === 0) return sha256().toString('hex');
  let level = sorted.map(leafOf);
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i];
      const right = level[i + 1];
      if (!left) break;
      next.push(right ? sha256(Buffer.from([1]), left, right) : left);
    }
    level = next;
  }
  return (level[0] ?? sha256()).toString('hex');
}
