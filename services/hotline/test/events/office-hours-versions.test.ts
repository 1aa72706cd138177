// Version 2 of the events that record a calendar version adds the office hours (办公时间) the deadlines
// were counted in. Stored version 1 events read back with the default hours, the only ones there were.
import t from 'tap';
import type { JsonObject, RecordedEvent } from '@bureau/event-store';
import { workOrderEventsFor } from '../../src/events/work-order-events.js';
import { TEST_CENTRE, testWorkOrderEvents as workOrderEvents } from '../support/events.js';
import { dispatched, extensionApproved, iso, platformId } from '../domain/support/fixtures.js';

const defaultHours = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];
const centreHours = [{ start: '08:30', end: '12:00' }, { start: '14:00', end: '17:30' }];
const envelope = { correlationId: 'req-1', causationId: 'cmd-1', actor: { id: platformId, role: 'hotline_platform', organisation: platformId }, occurredAt: iso('2025-11-03 10:00') };

function recorded(type: string, data: JsonObject, metadata: JsonObject): RecordedEvent {
  return { id: 'e-1', streamName: 'workOrder-wo-0001', revision: 0n, position: { commit: 1n, prepare: 1n }, type, data, metadata, recordedAt: new Date(), hash: '' };
}
/** The event as the hotline stored it before office hours were recorded. */
const asStoredBefore = (event: { type: string; data: object }, metadata: JsonObject): RecordedEvent =>
  recorded(event.type, JSON.parse(JSON.stringify(event.data)), metadata);

t.test('given a version 1 dispatch stored before office hours were recorded, when read, then it has the default hours', async (t) => {
  const read = workOrderEvents.fromRecorded(asStoredBefore(dispatched, { ...envelope, schemaVersion: 1 }));
  t.same(read.data, { ...dispatched.data, officeHours: defaultHours });
  const unstamped = workOrderEvents.fromRecorded(asStoredBefore(dispatched, envelope));
  t.same(unstamped.data, { ...dispatched.data, officeHours: defaultHours }, 'no stamped version counts as version 1');
});

t.test('given version 1 extension and redo events, when read, then both have the default hours', async (t) => {
  const approved = extensionApproved('2025-11-11 10:00', iso('2025-11-25 00:00'), iso('2025-11-28 00:00'), 3);
  t.same(workOrderEvents.fromRecorded(asStoredBefore(approved, { schemaVersion: 1 })).data, { ...approved.data, officeHours: defaultHours });
  const redo = {
    type: 'WorkOrderRedoRequested',
    data: { by: { kind: 'platform', platformId }, reason: '重办', requestedAt: iso('2025-11-26 10:00'), replyDueAt: iso('2025-12-18 00:00'), replyDueSource: 'category_limit', calendarVersion: 'v1' },
  };
  t.same(workOrderEvents.fromRecorded(asStoredBefore(redo, { schemaVersion: 1 })).data, { ...redo.data, officeHours: defaultHours });
});

t.test('when a dispatch is appended, then version 3 is stamped and the hours are stored: the default, or the centre', async (t) => {
  const byDefault = workOrderEvents.toAppend(dispatched, { id: 'e-1', envelope });
  t.match(byDefault, { metadata: { schemaVersion: 3 } });
  t.match(byDefault.data, { officeHours: defaultHours }, 'none configured: the default hours are what is stored');
  const byCentre = workOrderEvents.toAppend({ ...dispatched, data: { ...dispatched.data, officeHours: centreHours } }, { id: 'e-2', envelope });
  t.match(byCentre, { data: { officeHours: centreHours }, metadata: { schemaVersion: 3 } });
  const stored = { ...dispatched.data, officeHours: centreHours };
  t.same(workOrderEvents.fromRecorded(recorded('WorkOrderDispatched', stored, { ...envelope, schemaVersion: 3 })).data, stored);
});

t.test('given a dispatch stored before ownership (version 2), when read, then it belongs to its platform\'s centre', async (t) => {
  const { owner: _owner, ...before } = { ...dispatched.data, officeHours: defaultHours };
  const read = workOrderEvents.fromRecorded(recorded('WorkOrderDispatched', before, { ...envelope, schemaVersion: 2 }));
  t.same(read.data, { ...before, owner: TEST_CENTRE });
  const elsewhere = workOrderEventsFor({ centreOf: (platform) => (platform === dispatched.data.by.platformId ? 'baiyun-plsc' : 'x') });
  t.match(elsewhere.fromRecorded(recorded('WorkOrderDispatched', before, { ...envelope, schemaVersion: 2 })).data, { owner: 'baiyun-plsc' }, 'from the configuration of the deployment reading it');
  const v1 = workOrderEvents.fromRecorded(asStoredBefore(dispatched, { ...envelope, schemaVersion: 1 }));
  t.match(v1.data, { owner: TEST_CENTRE, officeHours: defaultHours }, 'version 1 goes through both upcasters');
});
