// Delivered tries are recorded in batches: answers arriving while a write is in flight go together in
// the next one; each caller learns whether its own claim still held. Real PostgreSQL, a real table.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { DeliveredRecorder } from '../src/delivered-recorder.js';
import { migrateOutbox } from '../src/migrate.js';
import { claimDueMessages, enqueueMessages, recordDelivered, type ClaimedMessage } from '../src/queue-queries.js';
import { findMessage as findRow } from '../src/staff-queries.js';
import { LOANS_OUTBOX, loanNotice, loansDatabase } from './support/loans.js';

const { db } = await loansDatabase(t);
await migrateOutbox(db, LOANS_OUTBOX);
const findMessage = (d: typeof db, key: string) => findRow(d, LOANS_OUTBOX, key);

async function claimed(count: number): Promise<ClaimedMessage[]> {
  const createdAt = new Date('2026-03-02T01:00:00Z');
  await db.transaction().execute((trx) => enqueueMessages(trx, LOANS_OUTBOX, Array.from({ length: count }, () => loanNotice(randomUUID(), 'loan-returned', createdAt))));
  return await claimDueMessages(db, LOANS_OUTBOX, { now: new Date('2026-03-02T01:00:01Z'), leaseUntil: new Date('2026-03-02T01:01:00Z'), limit: count });
}

t.test('answers arriving together are written together, each recorded as delivered', async (t) => {
  const messages = await claimed(20);
  t.equal(messages.length, 20);
  const writes: number[] = [];
  const recorder = new DeliveredRecorder(db, LOANS_OUTBOX, async (d, table, tries) => {
    writes.push(tries.length);
    return await recordDelivered(d, table, tries);
  });
  const at = new Date('2026-03-02T01:00:02Z');
  const answers = await Promise.all(messages.map((message) => recorder.record({ message, at, status: 200 })));
  t.same(answers, messages.map(() => true), 'every claim held');
  t.same(writes, [1, 19], 'the first alone, the other nineteen in one statement');
  for (const message of messages) {
    const row = await findMessage(db, message.idempotencyKey);
    t.match(row, { status: 'delivered', last_status: 200, claim_token: null, last_error: null });
    t.equal(row?.delivered_at?.toISOString(), at.toISOString());
  }
});

t.test('a lapsed claim is not recorded, and only its caller hears so', async (t) => {
  const [stale, fresh] = await claimed(2);
  if (!stale || !fresh) throw new Error('two claimed');
  const recorder = new DeliveredRecorder(db, LOANS_OUTBOX);
  const at = new Date('2026-03-02T01:00:03Z');
  const [a, b] = await Promise.all([
    recorder.record({ message: { ...stale, claimToken: randomUUID() }, at, status: 200 }),
    recorder.record({ message: fresh, at, status: 202 }),
  ]);
  t.equal(a, false, 'another claim holds that message now');
  t.equal(b, true);
  t.match(await findMessage(db, stale.idempotencyKey), { status: 'pending', claim_token: stale.claimToken });
  t.match(await findMessage(db, fresh.idempotencyKey), { status: 'delivered', last_status: 202 });
});

t.test('a failed write fails its own callers; the next answers are written', async (t) => {
  const messages = await claimed(3);
  let calls = 0;
  const recorder = new DeliveredRecorder(db, LOANS_OUTBOX, async (d, table, tries) => {
    calls += 1;
    if (calls === 1) throw new Error('connection lost');
    return await recordDelivered(d, table, tries);
  });
  const at = new Date('2026-03-02T01:00:04Z');
  const [first, ...rest] = messages;
  if (!first) throw new Error('claimed');
  await t.rejects(recorder.record({ message: first, at, status: 200 }), /connection lost/);
  t.same(await Promise.all(rest.map((message) => recorder.record({ message, at, status: 200 }))), [true, true]);
  t.match(await findMessage(db, first.idempotencyKey), { status: 'pending' }, 'not recorded: its claim lapses and it is tried again');
});
