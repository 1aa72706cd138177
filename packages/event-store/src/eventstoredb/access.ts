// On a secured server the adapter needs more than a user's usual rights: it reads `$all` (reads,
// subscriptions, head positions) and writes and reads the `$bureau-event-id-<id>` claim streams. By
// default only `$admins` may do either (`$all` and every `$` stream carry the system ACL). Without them
// the store would open fine and fail on its first write or subscription, so opening checks first.
import { AccessDeniedError, BACKWARDS, END, FORWARDS, START, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import type { EsdbClientPort } from './client-port.js';
import { CLAIM_STREAM_PREFIX } from './event-id-claims.js';

/** A claim stream no event id can name (ids are uuids); nothing is ever written to it. */
const CHECK_STREAM = `${CLAIM_STREAM_PREFIX}access-check`;
/** Far beyond any stream's end: the server refuses an append guarded by it, after checking access. */
const NEVER = 2n ** 62n;

/** Runs `attempt`; true when the server allowed it (whatever else it answered), false on AccessDenied. */
async function allowed(attempt: () => Promise<void>, allowedErrors: ReadonlyArray<abstract new (...args: never[]) => Error>): Promise<boolean> {
  try {
    await attempt();
    return true;
  } catch (err) {
    if (err instanceof AccessDeniedError) return false;
    if (allowedErrors.some((type) => err instanceof type)) return true;
    throw err;
  }
}

async function drain(read: AsyncIterable<unknown> & { cancel(): Promise<void> }): Promise<void> {
  for await (const _ of read) break;
  await read.cancel();
}

/**
 * Asks the server whether the connection's user may read `$all` (one event, backwards from the end),
 * append to a claim stream (an empty append guarded by a revision no stream reaches: the server checks
 * access first and then refuses it, so nothing is written) and read one. Throws one error naming every
 * right that is missing; the client's other errors (server unreachable) pass through.
 */
export async function checkEventStoreDbAccess(client: EsdbClientPort): Promise<void> {
  const [readAll, writeClaims, readClaims] = await Promise.all([
    allowed(() => drain(client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })), []),
    allowed(async () => {
      await client.appendToStream(CHECK_STREAM, [], { expectedRevision: NEVER });
    }, [WrongExpectedVersionError]),
    allowed(() => drain(client.readStream(CHECK_STREAM, { direction: FORWARDS, fromRevision: START, maxCount: 1 })), [StreamNotFoundError]),
  ]);
  const missing = [
    ...(readAll ? [] : ['read $all']),
    ...(writeClaims ? [] : [`write the event-id claim streams ${CLAIM_STREAM_PREFIX}<id>`]),
    ...(readClaims ? [] : [`read the event-id claim streams ${CLAIM_STREAM_PREFIX}<id>`]),
  ];
  if (missing.length > 0) {
    throw new Error(
      `EventStoreDB store: the connection's user may not ${missing.join(', nor ')}. The adapter needs these rights; by default only $admins have them ` +
        '(connect as an admin user, or grant them through $systemStreamAcl and the $all ACL: see @bureau/event-store README, "EventStoreDB adapter").',
    );
  }
}
