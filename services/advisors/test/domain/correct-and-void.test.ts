// Never edited in place (§3): an entry is corrected or voided by a later event with a reason, and the
// state shows each entry as it stands with its history.
import t from 'tap';
import type { LedgerCommand, LedgerEvent, ServiceDetails } from '../../src/domain/index.js';
import { consultation, iso, ledgerContext, lin, logged, opened } from './support/fixtures.js';
import { givenLedger } from './support/given.js';

const now = '2026-03-20 10:00';
const correct = (correction: Partial<ServiceDetails>, reason = '时长登记有误'): LedgerCommand => ({
  type: 'CorrectEntry',
  data: { entryId: 'e1', correction, reason },
});
const voidIt = (reason = '重复登记'): LedgerCommand => ({ type: 'VoidEntry', data: { entryId: 'e1', reason } });
const corrected = (change: object, changed: string[], resubmitted = false, reason = '时长登记有误'): LedgerEvent => ({
  type: 'EntryCorrected',
  data: {
    entryId: 'e1',
    content: { ...consultation, appointmentId: 'appt-chen-2026', ...change },
    changed,
    reason,
    resubmitted,
    correctedAt: iso(now),
  },
});
const voided: LedgerEvent = { type: 'EntryVoided', data: { entryId: 'e1', reason: '重复登记', voidedAt: iso(now) } };

t.test('given an entry, when it is corrected, then EntryCorrected with the whole new content and the fields changed', async (t) => {
  givenLedger(opened, logged('e1')).when(correct({ durationMinutes: 90 }), ledgerContext(now)).then(t, [corrected({ durationMinutes: 90 }, ['durationMinutes'])]);
  givenLedger(opened, logged('e1'))
    .when(correct({ durationMinutes: 90, startTime: undefined }), ledgerContext(now))
    .then(t, [corrected({ durationMinutes: 90 }, ['durationMinutes'])], 'a field given as undefined keeps its value');
});

t.test('the state shows the entry as corrected, and its history: logged, then corrected', async (t) => {
  const state = givenLedger(opened, logged('e1'), corrected({ durationMinutes: 90 }, ['durationMinutes'])).state;
  const entry = state.status === 'open' ? state.entries[0] : undefined;
  t.equal(entry?.content.durationMinutes, 90, 'as it stands');
  t.strictSame(entry?.history.map((h) => h.change), ['logged', 'corrected']);
  t.equal(entry?.history[0]?.change === 'logged' && entry.history[0].content.durationMinutes, 60, 'the original is kept');
});

t.test('a correction needs a reason and must change something', async (t) => {
  givenLedger(opened, logged('e1')).when(correct({ durationMinutes: 90 }, ' '), ledgerContext(now)).thenBroken(t, 'reason_required');
  givenLedger(opened, logged('e1')).when(correct({ durationMinutes: 60 }), ledgerContext(now)).thenBroken(t, 'correction_changes_nothing');
  givenLedger(opened, logged('e1'))
    .when({ type: 'CorrectEntry', data: { entryId: 'nope', correction: { durationMinutes: 90 }, reason: 'x' } }, ledgerContext(now))
    .thenBroken(t, 'entry_not_found');
});

t.test('a corrected entry passes every check a new one would: appointment on the new date, no future, the same month', async (t) => {
  givenLedger(opened, logged('e1')).when(correct({ date: '2026-03-17' }), ledgerContext(now)).thenBroken(t, 'advisor_not_appointed');
  givenLedger(opened, logged('e1'))
    .when(correct({ date: '2026-03-17', advisorId: lin }), ledgerContext(now))
    .then(t, [corrected({ date: '2026-03-17', advisorId: lin, appointmentId: 'appt-lin-2026' }, ['advisorId', 'date'])]);
  givenLedger(opened, logged('e1')).when(correct({ date: '2026-04-01' }), ledgerContext(now)).thenBroken(t, 'correction_changes_month');
  givenLedger(opened, logged('e1')).when(correct({ date: '2026-03-21', advisorId: lin }), ledgerContext(now)).thenBroken(t, 'service_in_future');
  givenLedger(opened, logged('e1')).when(correct({ type: 'on_site_duty', mode: 'remote' }), ledgerContext(now)).thenBroken(t, 'duty_must_be_on_site');
});

t.test('a correction may not make an entry the twin of another standing one', async (t) => {
  givenLedger(opened, logged('e1'), logged('e2', { startTime: '14:00' }))
    .when(correct({ startTime: '14:00' }), ledgerContext(now))
    .thenBroken(t, 'duplicate_entry_differs');
});

t.test('given an entry, when it is voided, then EntryVoided; it stays in the history and counts nowhere', async (t) => {
  givenLedger(opened, logged('e1')).when(voidIt(), ledgerContext(now)).then(t, [voided]);
  const state = givenLedger(opened, logged('e1'), voided).state;
  const entry = state.status === 'open' ? state.entries[0] : undefined;
  t.equal(entry?.status, 'voided');
  t.strictSame(entry?.history.map((h) => h.change), ['logged', 'voided']);
});

t.test('voiding needs a reason; voiding again is already done; a voided entry cannot be corrected', async (t) => {
  givenLedger(opened, logged('e1')).when(voidIt(' '), ledgerContext(now)).thenBroken(t, 'reason_required');
  givenLedger(opened, logged('e1'), voided).when(voidIt(), ledgerContext(now)).thenNothing(t);
  givenLedger(opened, logged('e1'), voided).when(correct({ durationMinutes: 90 }), ledgerContext(now)).thenBroken(t, 'entry_voided');
  givenLedger(opened).when(voidIt(), ledgerContext(now)).thenBroken(t, 'entry_not_found');
});
