// A claim is a lease: a process that claimed a message and died leaves it due again once the lease
// lapses, and another deliverer sends it with the same idempotency key; an outcome from the lapsed
// claim is then not recorded. A transport that hangs is cut off by the try's timeout and retried.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { OutboxDeliverer } from '../src/deliverer.js';
import { migrateOutbox } from '../src/migrate.js';
import { claimDueMessages, enqueueMessages, recordTry } from '../src/queue-queries.js';
import { findMessage } from '../src/staff-queries.js';
import type { Transport } from '../src/transport.js';
import { LOANS_OUTBOX, loanNotice, loansDatabase, quickRetry, silent } from './support/loans.js';
import { eventually } from './support/library-service.js';

const deliverer = (db: Awaited<ReturnType<typeof loansDatabase>>['db'], transport: Transport, timings = { timeoutMs: 1_000, leaseMs: 1_500 }) =>
  new OutboxDeliverer({ db, table: LOANS_OUTBOX, transport, retry: quickRetry, ...timings, concurrency: 4, pollMs: 100, clock: () => new Date(), random: () => 0, logger: silent, committed: async () => undefined });

t.test('given a claim whose process died, then after its lease the message is sent again with the same key, and the dead claim cannot record', async (t) => {
  const { db } = await loansDatabase(t);
  await migrateOutbox(db, LOANS_OUTBOX);
  const key = randomUUID();
  await db.transaction().execute((trx) => enqueueMessages(trx, LOANS_OUTBOX, [loanNotice('L1', 'loan-opened', new Date(), key)]));
  const now = new Date();
  const [lost] = await claimDueMessages(db, LOANS_OUTBOX, { now, leaseUntil: new Date(now.getTime() + 500), limit: 1 });
  t.ok(lost, 'the first process claimed it (and then died)');
  const sent: string[] = [];
  const second = deliverer(db, async (m) => {
    sent.push(m.idempotencyKey);
    return { kind: 'delivered', status: 200 };
  });
  second.start();
  t.teardown(() => second.stop());
  await eventually(async () => (await findMessage(db, LOANS_OUTBOX, key))?.status === 'delivered', 5_000, 'redelivered');
  t.same(sent, [key], 'sent again once, with the same idempotency key');
  t.match(await findMessage(db, LOANS_OUTBOX, key), { attempts: 2 });
  if (!lost) return;
  t.equal(await recordTry(db, LOANS_OUTBOX, lost, { kind: 'retry', at: new Date(), status: 503, error: 'late', nextAttemptAt: new Date() }), false, 'the lapsed claim records nothing');
});

t.test('given a transport that never answers, then the try is cut at its timeout and retried, and a stop releases it', async (t) => {
  const { db } = await loansDatabase(t);
  await migrateOutbox(db, LOANS_OUTBOX);
  const key = randomUUID();
  await db.transaction().execute((trx) => enqueueMessages(trx, LOANS_OUTBOX, [loanNotice('L1', 'loan-opened', new Date(), key)]));
  let tries = 0;
  const hanging = deliverer(db, (_m, signal) => {
    tries += 1;
    return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
  }, { timeoutMs: 100, leaseMs: 1_000 });
  hanging.start();
  await eventually(async () => (await findMessage(db, LOANS_OUTBOX, key))?.last_error === 'timeout after 100 ms', 5_000, 'a timed-out try');
  await eventually(() => tries >= 2, 5_000, 'a second try');
  await hanging.stop();
  const row = await findMessage(db, LOANS_OUTBOX, key);
  t.match(row, { status: 'pending', claim_token: null }, 'stopping released the try in flight');
  t.ok((row?.next_attempt_at.getTime() ?? Infinity) <= Date.now(), 'due again at once');
});
