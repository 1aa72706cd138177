// Orders for the reply phase, made quickly: dispatched and signed for through the real decider and the
// event registry, both events in one append per order (the service would take two requests).
import { randomUUID } from 'node:crypto';
import type { EventStore } from '@bureau/event-store';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import { decide, evolve, hotlineRules, initialState, workOrderStreamName, type WorkOrderCommand, type WorkOrderEvent } from '../src/domain/index.js';
import { workOrderEventsFor } from '../src/events/work-order-events.js';
import { workOrderIdOf } from '../src/work-order-id.js';

const rules = hotlineRules(createOfficialWorkingCalendar());
/** The bench's orders all belong to the demo city's 花都 centre, which its tokens name. */
const CENTRE = 'huadu-plsc';
const workOrderEvents = workOrderEventsFor({ centreOf: () => CENTRE });

function signedForOrder(platformId: string, orderNo: string, now: Date): { workOrderId: string; events: WorkOrderEvent[] } {
  const workOrderId = workOrderIdOf(platformId, orderNo);
  const dispatch: WorkOrderCommand = {
    type: 'DispatchWorkOrder',
    data: {
      workOrderId, platformId, owner: CENTRE, externalNumber: orderNo, category: 'consultation', unitRole: 'lead',
      citizen: { name: '测试', phone: '13800000000' }, content: '咨询劳动合同解除的补偿标准', dispatchedAt: now, platformDueAt: null,
    },
  };
  const dispatched = decide(dispatch, initialState(), { now, rules });
  const state = dispatched.reduce(evolve, initialState());
  const signed = decide({ type: 'SignForWorkOrder', data: { staffId: 'bench-staff' } }, state, { now, rules });
  return { workOrderId, events: [...dispatched, ...signed] };
}

/** Appends `count` signed-for orders from `concurrency` loops; returns their work-order ids. */
export async function seedSignedForOrders(store: EventStore, platformId: string, prefix: string, count: number, concurrency: number): Promise<string[]> {
  const ids: string[] = new Array<string>(count);
  let next = 0;
  const actor = { id: 'bench-seed', role: 'centre_staff', organisation: 'huadu-plsc' };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        const now = new Date();
        const { workOrderId, events } = signedForOrder(platformId, `${prefix}${String(n).padStart(9, '0')}`, now);
        const envelope = { correlationId: randomUUID(), causationId: randomUUID(), actor, occurredAt: now.toISOString() };
        await store.appendToStream(
          workOrderStreamName(workOrderId),
          events.map((event) => workOrderEvents.toAppend(event, { id: randomUUID(), envelope })),
          { expectedRevision: 'no_stream' },
        );
        ids[n] = workOrderId;
      }
    }),
  );
  return ids;
}
