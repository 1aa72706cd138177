// The import's hand-written checks (src/events/fast-path.ts) beside zod: what they pass is appended exactly
// as the registry would append it, and what they do not pass gets zod's own verdict and errors.
import t from 'tap';
import { canonicalJson, type EventToAppend } from '@bureau/event-store';
import { decideLedger, foldLedger, type LedgerEvent, type LogService } from '../../src/domain/index.js';
import { advisorLedgerEvents, checkedLedgerEvents, ledgerEventChecks, takesFastPath } from '../../src/events/index.js';
import { iso, ledgerContext, log } from '../domain/support/fixtures.js';

const envelope = { correlationId: 'req-1', causationId: 'cmd-1', actor: { id: 'admin', role: 'administrator', organisation: 'huadu-bureau' }, occurredAt: iso('2026-03-20 10:00') };
const context = { id: '6f1c2a10-2b6d-5a3e-9c41-0d2f7e8a9b01', envelope, extraMetadata: { commandId: 'cmd-1' } };

/** The rows an import would log: a consultation with people served, a reviewed contract, a referral, duty with evidence. */
const commands: LogService[] = [
  log('e1', { personsServed: [{ name: '张三', phone: '13800000000' }, { name: '李四', phone: null }] }),
  log('e2', { date: '2026-03-06', type: 'review', reviewSubject: 'contract', mode: 'remote', startTime: null }),
  log('e3', { date: '2026-03-07', type: 'legal_aid_referral', legalAidApplicationId: 'la-2026-0001' }),
  log('e4', { date: '2026-03-08', type: 'on_site_duty', durationMinutes: 240, personsServed: [], evidence: [{ sha256: 'ab'.repeat(32), sizeBytes: 2048, mediaType: null }] }),
];

function decided(): LedgerEvent[] {
  let history: LedgerEvent[] = [];
  for (const command of commands) history = [...history, ...decideLedger(command, foldLedger(history), ledgerContext('2026-03-20 10:00'))];
  return history;
}

t.test('what the checks pass is appended exactly as the registry appends it', async (t) => {
  const events = decided();
  t.strictSame(events.map((e) => e.type), ['LedgerMonthOpened', 'ServiceLogged', 'ServiceLogged', 'ServiceLogged', 'ServiceLogged']);
  for (const event of events) {
    t.ok(takesFastPath(ledgerEventChecks, event.type, event.data), `${event.type} takes the fast path`);
    const fast = checkedLedgerEvents.toAppend(event, context);
    const slow = advisorLedgerEvents.toAppend(event, context);
    t.strictSame(fast, slow, `${event.type} as zod gives it`);
    // Keys in the store's canonical order, so the store writes it with JSON.stringify as it is.
    t.equal(JSON.stringify(fast.data), canonicalJson(slow.data), `${event.type}: data in canonical order`);
    t.equal(JSON.stringify(fast.metadata), canonicalJson(slow.metadata ?? {}), `${event.type}: metadata in canonical order`);
  }
});

/** Whatever the registry does with it (an appended event, or the error it throws), for comparison. */
function outcome(append: () => EventToAppend): unknown {
  try {
    return { appended: append() };
  } catch (error) {
    return { error: error instanceof Error ? { ...error, name: error.name, message: error.message } : error };
  }
}

t.test('what the checks do not pass gets zod: the same event appended, or the same errors', async (t) => {
  const logged = decided()[1] as Extract<LedgerEvent, { type: 'ServiceLogged' }>;
  const { content } = logged.data;
  const variants: [string, unknown][] = [
    ['an empty entry id', { ...logged.data, entryId: '' }],
    ['a date that does not exist', { ...logged.data, content: { ...content, date: '2026-02-30' } }],
    ['a start at 24:00', { ...logged.data, content: { ...content, startTime: '24:00' } }],
    ['no minutes', { ...logged.data, content: { ...content, durationMinutes: 0 } }],
    ['a fraction of a minute', { ...logged.data, content: { ...content, durationMinutes: 1.5 } }],
    ['over a day', { ...logged.data, content: { ...content, durationMinutes: 1441 } }],
    ['an unknown type', { ...logged.data, content: { ...content, type: 'gossip' } }],
    ['a person without a name', { ...logged.data, content: { ...content, personsServed: [{ name: '', phone: null }] } }],
    ['persons not a list', { ...logged.data, content: { ...content, personsServed: '张三' } }],
    ['a missing field', { entryId: logged.data.entryId, content }],
    ['a bad instant', { ...logged.data, loggedAt: 'yesterday' }],
    ['evidence without its hash', { ...logged.data, content: { ...content, evidence: [{ sha256: 'x', sizeBytes: 1, mediaType: null }] } }],
    // zod accepts these and drops the extra key: appended the same either way.
    ['an extra key', { ...logged.data, note: 'dropped' }],
    ['an extra key in the content', { ...logged.data, content: { ...content, appointmentNote: 'dropped' } }],
  ];
  for (const [what, data] of variants) {
    const event = { type: 'ServiceLogged', data } as unknown as LedgerEvent;
    t.notOk(takesFastPath(ledgerEventChecks, 'ServiceLogged', data), `${what}: not for the fast path`);
    t.strictSame(outcome(() => checkedLedgerEvents.toAppend(event, context)), outcome(() => advisorLedgerEvents.toAppend(event, context)), `${what}: as zod has it`);
  }
});

t.test('an event already in canonical order is appended as it is; its metadata is built once per append', async (t) => {
  const events = decided();
  const appended = events.map((event, i) => checkedLedgerEvents.toAppend(event, { ...context, id: `6f1c2a10-2b6d-5a3e-9c41-0d2f7e8a9b0${i}` }));
  t.equal(appended[1]?.data, events[1]?.data, 'the decided data itself, not a copy');
  t.equal(appended[1]?.metadata, appended[2]?.metadata, 'one metadata object for the append');
  t.not(appended[1]?.id, appended[2]?.id, 'each event its own id');
  const other = checkedLedgerEvents.toAppend(events[1] as LedgerEvent, { ...context, envelope: { ...envelope, correlationId: 'req-2' } });
  t.match(other.metadata, { correlationId: 'req-2' }, 'another append, its own metadata');
  // The same event with its keys in another order: a copy, in canonical order.
  const logged = events[1] as Extract<LedgerEvent, { type: 'ServiceLogged' }>;
  const reordered = { type: 'ServiceLogged', data: { loggedAt: logged.data.loggedAt, content: Object.fromEntries(Object.entries(logged.data.content).reverse()), entryId: logged.data.entryId } } as unknown as LedgerEvent;
  const copy = checkedLedgerEvents.toAppend(reordered, context);
  t.not(copy.data, reordered.data);
  t.equal(JSON.stringify(copy.data), canonicalJson(advisorLedgerEvents.toAppend(reordered, context).data), 'reordered: canonical');
});
