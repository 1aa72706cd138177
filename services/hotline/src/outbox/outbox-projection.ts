// The outbox's reactor: a projection over the work-order streams that queues one message per event the
// platform must hear about, in the same transaction that moves its checkpoint, so a message is never
// lost (the checkpoint cannot pass an event whose message was not queued) and never doubled (the event
// id is the row's key). It also keeps the order directory it needs: our work-order id → platform and
// the platform's order number (only WorkOrderDispatched carries them).
import type { GlobalPosition, RecordedEvent } from '@bureau/event-store';
import { defineProjection, type ReadModelTransaction, type TableNames } from '@bureau/projections';
import { toWorkOrderEvent, workOrderStreamCategory } from '../domain/index.js';
import { enqueueMessages, type NewOutboxMessage } from './outbox-queries.js';
import { outboundMessageOf } from './outbound-message.js';

export const OUTBOX_PROJECTION = 'hotline_outbox';

type Tables = TableNames<'hotline_outbox_orders'>;
type OrderRef = { readonly platformId: string; readonly orderNo: string };

const STREAM_PREFIX = `${workOrderStreamCategory}-`;

export function workOrderIdOfStream(streamName: string): string | undefined {
  return streamName.startsWith(STREAM_PREFIX) ? streamName.slice(STREAM_PREFIX.length) : undefined;
}

export interface OutboxProjectionOptions {
  readonly clock: () => Date;
  /** Told (before commit) the position of a batch that queued messages: wait for its checkpoint, then deliver. */
  readonly onQueued: (position: GlobalPosition) => void;
}

async function orderRefs(trx: ReadModelTransaction, tables: Tables, workOrderIds: readonly string[]): Promise<Map<string, OrderRef>> {
  const found = new Map<string, OrderRef>();
  if (workOrderIds.length === 0) return found;
  const rows = await trx
    .selectFrom(tables.hotline_outbox_orders)
    .select(['work_order_id', 'platform_id', 'order_no'])
    .where('work_order_id', 'in', workOrderIds)
    .execute();
  for (const row of rows) found.set(String(row.work_order_id), { platformId: String(row.platform_id), orderNo: String(row.order_no) });
  return found;
}

export function outboxProjection(options: OutboxProjectionOptions) {
  return defineProjection({
    name: OUTBOX_PROJECTION,
    version: 1,
    streamCategories: [workOrderStreamCategory],
    tables: ['hotline_outbox_orders'],
    async migrate(trx, tables) {
      await trx.schema
        .createTable(tables.hotline_outbox_orders)
        .addColumn('work_order_id', 'text', (c) => c.primaryKey())
        .addColumn('platform_id', 'text', (c) => c.notNull())
        .addColumn('order_no', 'text', (c) => c.notNull())
        .execute();
    },
    async handle(trx, events: readonly RecordedEvent[], tables) {
      const directory = new Map<string, OrderRef>();
      const owed: Array<{ recorded: RecordedEvent; workOrderId: string; message: NonNullable<ReturnType<typeof outboundMessageOf>> }> = [];
      for (const recorded of events) {
        const workOrderId = workOrderIdOfStream(recorded.streamName);
        const event = workOrderId === undefined ? undefined : toWorkOrderEvent(recorded);
        if (workOrderId === undefined || event === undefined) continue;
        if (event.type === 'WorkOrderDispatched') {
          directory.set(workOrderId, { platformId: event.data.by.platformId, orderNo: event.data.externalNumber });
          continue;
        }
        const message = outboundMessageOf(event);
        if (message) owed.push({ recorded, workOrderId, message });
      }
      if (directory.size > 0) {
        await trx
          .insertInto(tables.hotline_outbox_orders)
          .values([...directory].map(([workOrderId, ref]) => ({ work_order_id: workOrderId, platform_id: ref.platformId, order_no: ref.orderNo })))
          .onConflict((oc) => oc.column('work_order_id').doNothing())
          .execute();
      }
      if (owed.length === 0) return;
      const known = await orderRefs(trx, tables, [...new Set(owed.map((o) => o.workOrderId))].filter((id) => !directory.has(id)));
      const now = options.clock();
      const messages: NewOutboxMessage[] = owed.map(({ recorded, workOrderId, message }) => {
        const ref = directory.get(workOrderId) ?? known.get(workOrderId);
        // Every order stream starts with its dispatch; a message without one is a broken stream: park it.
        if (!ref) throw new Error(`outbox: work order ${workOrderId} has no dispatch before event ${recorded.id}`);
        return {
          idempotencyKey: recorded.id,
          eventType: recorded.type,
          workOrderId,
          platformId: ref.platformId,
          orderNo: ref.orderNo,
          action: message.action,
          body: JSON.stringify(message.body),
          createdAt: now,
        };
      });
      await enqueueMessages(trx, messages);
      const last = owed.at(-1);
      if (last) options.onQueued(last.recorded.position);
    },
  });
}
