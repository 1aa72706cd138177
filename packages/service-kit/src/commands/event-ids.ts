// Event ids derived from the command's idempotency key: a retried command produces the very same
// ids, so handleCommand can recognise "already applied" by finding them in the stream.
import { createHash } from 'node:crypto';

/** The bureau's UUID v5 namespace for command-derived event ids. Never change it: stored ids depend on it. */
export const COMMAND_EVENT_NAMESPACE = '3f0c7a52-9d0e-4b8c-a6f4-5b1e2d7c9a10';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 9562 UUID version 5 (SHA-1, name-based). */
export function uuidV5(name: string, namespace: string): string {
  if (!UUID.test(namespace)) throw new Error(`uuidV5: namespace ${namespace} is not a UUID`);
  const bytes = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The id of the `index`-th event (0-based) a command appends. */
export function commandEventId(commandId: string, index: number): string {
  return uuidV5(`${commandId}:${index}`, COMMAND_EVENT_NAMESPACE);
}
