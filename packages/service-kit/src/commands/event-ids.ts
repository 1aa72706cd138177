// Event ids derived from the command's idempotency key: a retried command produces the very same
// ids, so handleCommand can recognise "already applied" by finding them in the stream.
import * as crypto from 'node:crypto';

/** The bureau's UUID v5 namespace for command-derived event ids. Never change it: stored ids depend on it. */
export const COMMAND_EVENT_NAMESPACE = '3f0c7a52-9d0e-4b8c-a6f4-5b1e2d7c9a10';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// A namespace's bytes, parsed once (the year generator derives hundreds of thousands of ids a minute).
const namespaceBytes = new Map<string, Buffer>();
// One-shot SHA-1 (Node >= 20.12) over one reused buffer, about twice as fast as a Hash object per id.
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'buffer') => Buffer }).hash;
let scratch = Buffer.allocUnsafe(4096);

/** RFC 9562 UUID version 5 (SHA-1, name-based). */
export function uuidV5(name: string, namespace: string): string {
  let ns = namespaceBytes.get(namespace);
  if (ns === undefined) {
    if (!UUID.test(namespace)) throw new Error(`uuidV5: namespace ${namespace} is not a UUID`);
    ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
    namespaceBytes.set(namespace, ns);
  }
  let digest: Buffer;
  if (oneShot === undefined) {
    digest = crypto.createHash('sha1').update(ns).update(name, 'utf8').digest();
  } else {
    // A UTF-16 unit is at most 3 bytes of UTF-8, so the name always fits.
    if (16 + name.length * 3 > scratch.length) scratch = Buffer.allocUnsafe(16 + name.length * 3);
    ns.copy(scratch, 0);
    const n = scratch.write(name, 16, 'utf8');
    digest = oneShot('sha1', scratch.subarray(0, 16 + n), 'buffer');
  }
  const bytes = digest.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event (0-based) a command appends. */
export function commandEventId(commandId: string, index: number): string {
  return uuidV5(`${commandId}:${index}`, COMMAND_EVENT_NAMESPACE);
}
