// The benches' long case: a 1,000-event 12345 work order (dispatched, then urges, notes and assignments:
// the hotline's own events through its own registry), appended in 250-event batches.
import type { EventStore, EventToAppend } from '@bureau/event-store';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { randomUUID } from 'node:crypto';

const registry = workOrderEventsFor({ centreOf: () => 'huadu-plsc' });
const at = (i: number) => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + i * 60_000).toISOString();
const envelope = (i: number) => ({ correlationId: randomUUID(), causationId: randomUUID(), actor: { id: 'bench', role: 'hotline_platform', organisation: 'gz12345' }, occurredAt: at(i) });

/** Events `from` to `to - 1` of the long order (0: its dispatch). */
export function longOrderEvents(workOrderId: string, from: number, to: number): EventToAppend[] {
  const out: EventToAppend[] = [];
  for (let i = from; i < to; i += 1) {
    if (i === 0) {
      out.push(registry.toAppend({
        type: 'WorkOrderDispatched',
        data: {
          workOrderId, by: { kind: 'platform', platformId: 'gz12345' }, owner: 'huadu-plsc', externalNumber: 'GZ-BENCH-1', category: 'complaint', unitRole: 'lead',
          citizen: { name: '张三丰', phone: '13812345678' }, content: '投诉：请回电 13812345678', dispatchedAt: at(0), platformDueAt: null,
          signForDueAt: at(120), replyDueAt: at(5000), replyDueSource: 'category_limit', returnWindowEndsAt: at(2000),
          limits: { signForWorkingHours: 2, replyWorkingDays: 5, returnWindowWorkingDays: 2 }, calendarVersion: 'cn-2026.1', officeHours: [{ start: '09:00', end: '12:00' }],
        },
      }, { id: randomUUID(), envelope: envelope(0) }));
      continue;
    }
    const event = i % 10 === 0
      ? { type: 'HandlingNoteAdded' as const, data: { noteId: `note-${i}`, by: { kind: 'staff' as const, staffId: 'staff-li' }, note: `第${i}次跟进，已联系张三丰`, addedAt: at(i) } }
      : i % 10 === 5
        ? { type: 'WorkOrderAssigned' as const, data: { by: { kind: 'staff' as const, staffId: 'supervisor-zhao' }, assigneeStaffId: `staff-${i % 7}`, assignedAt: at(i) } }
        : { type: 'WorkOrderUrged' as const, data: { by: { kind: 'platform' as const, platformId: 'gz12345' }, level: 'urge' as const, note: null, urgedAt: at(i), overdue: false } };
    out.push(registry.toAppend(event, { id: randomUUID(), envelope: envelope(i) }));
  }
  return out;
}

export async function appendLongWorkOrder(store: EventStore, events = 1000): Promise<string> {
  const workOrderId = randomUUID();
  for (let i = 0; i < events; i += 250) await store.appendToStream(`hotlineWorkOrder-${workOrderId}`, longOrderEvents(workOrderId, i, Math.min(events, i + 250)));
  return workOrderId;
}
