import t from 'tap';
import type { JsonObject, RecordedEvent } from '@bureau/event-store';
import { createEventRegistry, defineEvent, InvalidEventDataError, UnreadableEventError } from '@bureau/service-kit';
import { z } from 'zod';

// Version 1 called it orderNo; version 2 renamed it externalNumber; version 3 added the category.
type OrderEvent = {
  readonly type: 'WorkOrderDispatched';
  readonly data: { readonly externalNumber: string; readonly category: '咨询' | '求助' | '投诉'; readonly dueAt: string };
};

const registry = createEventRegistry<OrderEvent>({
  WorkOrderDispatched: defineEvent({
    type: 'WorkOrderDispatched',
    schemaVersion: 3,
    schema: z.object({ externalNumber: z.string().min(1), category: z.enum(['咨询', '求助', '投诉']), dueAt: z.iso.datetime() }),
    upcasters: {
      1: ({ orderNo, ...rest }) => ({ ...rest, externalNumber: orderNo ?? null }),
      // Orders dispatched before categories were recorded were all consultations.
      2: (data) => ({ ...data, category: '咨询' }),
    },
  }),
});

const envelope = {
  correlationId: 'req-1',
  causationId: 'cmd-1',
  actor: { id: 'u-1', role: 'hotline_integration', organisation: 'huadu-plsc' },
  occurredAt: '2025-03-03T01:00:00.000Z',
};

function recorded(data: JsonObject, metadata: JsonObject, type = 'WorkOrderDispatched'): RecordedEvent {
  return { id: 'e-1', streamName: 'workOrder-1', revision: 0n, position: { commit: 1n, prepare: 1n }, type, data, metadata, recordedAt: new Date(), hash: '' };
}

t.test('given valid data, when prepared for append, then the envelope carries the current schema version', async (t) => {
  const event: OrderEvent = { type: 'WorkOrderDispatched', data: { externalNumber: 'GD-1', category: '投诉', dueAt: '2025-03-10T09:00:00.000Z' } };
  const toAppend = registry.toAppend(event, { id: 'e-1', envelope, extraMetadata: { commandId: 'cmd-1' } });
  t.same(toAppend, {
    id: 'e-1',
    type: 'WorkOrderDispatched',
    data: event.data,
    metadata: { commandId: 'cmd-1', ...envelope, schemaVersion: 3 },
  });
});

t.test('given data breaking the schema, when prepared for append, then it throws naming each field', async (t) => {
  const bad = { type: 'WorkOrderDispatched', data: { externalNumber: '', category: '咨询', dueAt: 'tomorrow' } } as const;
  const error = t.throws(() => registry.toAppend(bad, { id: 'e-1', envelope }));
  t.type(error, InvalidEventDataError);
  if (error instanceof InvalidEventDataError) t.same(error.errors.map((e) => e.field).sort(), ['dueAt', 'externalNumber']);
});

t.test('given a version 1 event, when read, then it is upcast through 2 to 3', async (t) => {
  const v1 = recorded({ orderNo: 'GD-7', dueAt: '2024-05-01T00:00:00.000Z' }, { ...envelope, schemaVersion: 1 });
  t.same(registry.fromRecorded(v1), { type: 'WorkOrderDispatched', data: { externalNumber: 'GD-7', category: '咨询', dueAt: '2024-05-01T00:00:00.000Z' } });
});

t.test('given a version 2 event, when read, then only the last step applies', async (t) => {
  const v2 = recorded({ externalNumber: 'GD-8', dueAt: '2024-06-01T00:00:00.000Z' }, { schemaVersion: 2 });
  t.same(registry.fromRecorded(v2).data, { externalNumber: 'GD-8', category: '咨询', dueAt: '2024-06-01T00:00:00.000Z' });
});

t.test('given an event without a stamped version, when read, then it is treated as version 1', async (t) => {
  t.equal(registry.fromRecorded(recorded({ orderNo: 'GD-9', dueAt: '2024-06-01T00:00:00.000Z' }, {})).data.externalNumber, 'GD-9');
});

t.test('given events this service cannot read, when read, then it refuses rather than guess', async (t) => {
  t.throws(() => registry.fromRecorded(recorded({}, { schemaVersion: 4 })), UnreadableEventError, 'a newer version');
  t.throws(() => registry.fromRecorded(recorded({}, {}, 'WorkOrderVanished')), UnreadableEventError, 'an unknown type');
  t.throws(() => registry.fromRecorded(recorded({ orderNo: 'GD-1' }, { schemaVersion: 1 })), UnreadableEventError, 'data still invalid after upcasting');
});

t.test('given a definition missing a step of its upcaster chain, then defining it fails at once', async (t) => {
  t.throws(
    () => defineEvent({ type: 'X', schemaVersion: 3, schema: z.object({}), upcasters: { 1: (d) => d } }),
    /needs an upcaster from version 2/,
  );
});
