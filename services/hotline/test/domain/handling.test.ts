// Handling notes, assignment to staff and 并单: each idempotent under retry.
import t from 'tap';
import type { WorkOrderEvent } from '../../src/domain/index.js';
import { given } from './support/given.js';
import { clerk, dispatched, iso, local, platformId, replied, signedFor } from './support/fixtures.js';

const now = local('2025-11-04 09:30');
const handling = [dispatched, signedFor('2025-11-03 11:00')];
const note = { type: 'AddHandlingNote', data: { noteId: 'note-1', staffId: clerk, note: '已电话联系当事人' } } as const;
const noteAdded: WorkOrderEvent = {
  type: 'HandlingNoteAdded',
  data: { noteId: 'note-1', by: { kind: 'staff', staffId: clerk }, note: '已电话联系当事人', addedAt: iso('2025-11-04 09:30') },
};

t.test('given handling, when a note is added, then the note is recorded', async (t) => {
  given(...handling).when(note, now).then(t, [noteAdded]);
});

t.test('given the note recorded, when the same note id arrives again, then nothing', async (t) => {
  given(...handling, noteAdded).when(note, now).thenNothing(t);
});

t.test('an empty note is refused', async (t) => {
  given(...handling).when({ type: 'AddHandlingNote', data: { noteId: 'note-2', staffId: clerk, note: ' ' } }, now).thenBroken(t, 'note_required');
});

t.test('notes may still be added after the reply', async (t) => {
  given(...handling, replied('2025-11-04 09:00')).when(note, now).then(t, [noteAdded]);
});

const assign = { type: 'AssignWorkOrder', data: { staffId: 'staff-head', assigneeStaffId: 'staff-wang' } } as const;
const assigned: WorkOrderEvent = {
  type: 'WorkOrderAssigned',
  data: { by: { kind: 'staff', staffId: 'staff-head' }, assigneeStaffId: 'staff-wang', assignedAt: iso('2025-11-04 09:30') },
};

t.test('given handling, when assigned to a staff member, then assigned; again to the same one, then nothing', async (t) => {
  given(...handling).when(assign, now).then(t, [assigned]);
  given(...handling, assigned).when(assign, now).thenNothing(t);
  const { state } = given(...handling, assigned);
  t.equal(state.status === 'handling' && state.assigneeStaffId, 'staff-wang');
});

t.test('given replied, when assigned, then already_replied', async (t) => {
  given(...handling, replied('2025-11-04 09:00')).when(assign, now).thenBroken(t, 'already_replied');
});

const merge = (numbers: string[], from = platformId) =>
  ({ type: 'MergeWorkOrders', data: { platformId: from, externalNumbers: numbers } }) as const;
const merged = (numbers: string[]): WorkOrderEvent => ({
  type: 'WorkOrderMerged',
  data: { by: { kind: 'platform', platformId }, externalNumbers: numbers, mergedAt: iso('2025-11-04 09:30') },
});

t.test('given dispatched, when duplicates are merged in, then their numbers are recorded once', async (t) => {
  given(dispatched).when(merge(['GZ2', 'GZ3', 'GZ2']), now).then(t, [merged(['GZ2', 'GZ3'])]);
});

t.test('given some merged, when merged again with one new number, then only the new one', async (t) => {
  given(dispatched, merged(['GZ2'])).when(merge(['GZ2', 'GZ4']), now).then(t, [merged(['GZ4'])]);
  given(dispatched, merged(['GZ2'])).when(merge(['GZ2', dispatched.data.externalNumber]), now).thenNothing(t);
});

t.test('a merge with no numbers, or from another platform, is refused', async (t) => {
  given(dispatched).when(merge([]), now).thenBroken(t, 'merge_numbers_required');
  given(dispatched).when(merge(['GZ2'], 'sz12345'), now).thenBroken(t, 'wrong_platform');
});
