// The stored form: every event the deciders produce passes its schema (version 1 stamped), reads back
// equal, and a read-back ledger with its JSON keys in another order (jsonb sorts them) still recognises a
// retried entry as already logged.
import t from 'tap';
import type { EventToAppend, JsonObject, RecordedEvent } from '@bureau/event-store';
import { decideLedger, foldLedger, type LedgerCommand, type LedgerEvent } from '../../src/domain/index.js';
import { advisorLedgerEvents, advisorRegisterEvents, villageAppointmentEvents } from '../../src/events/index.js';
import { chenAppointed, chenEnded, iso, ledgerContext, log, linAppointed } from '../domain/support/fixtures.js';

const envelope = {
  correlationId: 'req-1',
  causationId: 'cmd-1',
  actor: { id: 'clerk-1', role: 'judicial_office', organisation: 'jo-shilou' },
  occurredAt: iso('2026-03-20 10:00'),
};

/** Keys reversed at every level, as a store may give them back. */
function shuffled(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shuffled);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, shuffled(v)]));
  return value;
}

function stored(appended: EventToAppend): RecordedEvent {
  return {
    id: appended.id ?? 'e-0',
    type: appended.type,
    metadata: appended.metadata ?? {},
    data: shuffled(appended.data) as JsonObject,
    streamName: 'advisorLedger-village-dongsha_2026-03',
    revision: 0n,
    position: { commit: 1n, prepare: 1n },
    recordedAt: new Date(),
    hash: '',
  };
}

/** Every ledger event type, produced by the decider itself. */
function aWholeCycle(): LedgerEvent[] {
  let history: LedgerEvent[] = [];
  const run = (command: LedgerCommand, now: string) => {
    history = [...history, ...decideLedger(command, foldLedger(history), ledgerContext(now))];
  };
  run(log('e1', { evidence: [{ sha256: 'cd'.repeat(32), sizeBytes: 2048, mediaType: 'image/jpeg' }] }), '2026-03-05 18:00');
  run(log('e2', { date: '2026-03-06', mode: 'remote', personsServed: [{ name: '李四', phone: null }] }), '2026-03-06 18:00');
  run({ type: 'StartMonthReview', data: {} }, '2026-03-25 09:00');
  run({ type: 'ReturnEntry', data: { entryId: 'e1', reason: '缺签到表' } }, '2026-03-25 10:00');
  run({ type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 120 }, reason: '补正' } }, '2026-03-26 09:00');
  run({ type: 'VoidEntry', data: { entryId: 'e2', reason: '重复' } }, '2026-03-26 10:00');
  run({ type: 'ExcuseShortfall', data: { cause: 'advisor_replaced', reason: '月中更换顾问' } }, '2026-03-31 09:00');
  run({ type: 'ApproveMonth', data: {} }, '2026-04-01 09:00');
  run({ type: 'JudgeOnSiteMinimum', data: {} }, '2026-04-01 00:00');
  run({ type: 'ReopenMonth', data: { reason: '补录' } }, '2026-04-02 09:00');
  return history;
}

t.test('every ledger event type is produced, stamped version 1, and reads back equal', async (t) => {
  const events = aWholeCycle();
  t.strictSame(new Set(events.map((e) => e.type)).size, 10, 'all ten ledger event types');
  for (const [i, event] of events.entries()) {
    const appended = advisorLedgerEvents.toAppend(event, { id: `e-${i}`, envelope });
    t.equal(appended.metadata?.schemaVersion, 1, `${event.type} is version 1`);
    t.same(advisorLedgerEvents.fromRecorded(stored(appended)), event, `${event.type} reads back`);
  }
});

t.test('a ledger read back from the store still sees a retried log as already done', async (t) => {
  const events = decideLedger(log('e1'), foldLedger([]), ledgerContext('2026-03-20 10:00'));
  const readBack = events.map((e, i) => advisorLedgerEvents.fromRecorded(stored(advisorLedgerEvents.toAppend(e, { id: `e-${i}`, envelope }))));
  t.strictSame(decideLedger(log('e1'), foldLedger(readBack), ledgerContext('2026-03-20 11:00')), []);
  t.strictSame(decideLedger(log('e2'), foldLedger(readBack), ledgerContext('2026-03-20 11:00')), [], 'and the same service under another id');
});

t.test('register and appointment events pass their schemas and read back equal', async (t) => {
  const registered = {
    type: 'AdvisorRegistered',
    data: { districtId: 'district-panyu', advisorId: 'advisor-chen', name: '陈明', firm: '某律所', licenceNumber: '14401201810123456', phone: '13900000001', registeredAt: iso('2026-01-05 10:00') },
  } as const;
  t.same(advisorRegisterEvents.fromRecorded(stored(advisorRegisterEvents.toAppend(registered, { id: 'r', envelope }))), registered);
  for (const event of [chenAppointed, chenEnded, linAppointed]) {
    t.same(villageAppointmentEvents.fromRecorded(stored(villageAppointmentEvents.toAppend(event, { id: 'a', envelope }))), event, event.type);
  }
});

t.test('data that breaks a schema is refused before it is appended', async (t) => {
  const bad = { type: 'ServiceLogged', data: { entryId: 'e1', content: { advisorId: 'x' }, loggedAt: 'yesterday' } } as unknown as LedgerEvent;
  t.throws(() => advisorLedgerEvents.toAppend(bad, { id: 'x', envelope }), { name: 'InvalidEventDataError' });
  const badLicence = { type: 'AdvisorRegistered', data: { districtId: 'd', advisorId: 'a', name: 'n', firm: 'f', licenceNumber: '123', phone: 'p', registeredAt: iso('2026-01-05 10:00') } } as const;
  t.throws(() => advisorRegisterEvents.toAppend(badLicence, { id: 'x', envelope }), { name: 'InvalidEventDataError' });
});
