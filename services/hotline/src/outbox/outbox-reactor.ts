// What the outbox queues for the platform: @bureau/outbox's reactor over the work-order streams, with
// the hotline's rule (outboundMessageOf: sign-for, return requests, extension requests, replies) and
// the order directory the rule needs: our work-order id → platform and the platform's order number
// (only WorkOrderDispatched carries them). Ordering key: the work order; destination: its platform.
// Name, version and table are those of the reactor before the outbox left the hotline: no replay.
import type { RecordedEvent } from '@bureau/event-store';
import type { MessageToQueue, OutboxOptions } from '@bureau/outbox';
import type { ReadModelTransaction, TableNames } from '@bureau/projections';
import { toWorkOrderEvent, workOrderStreamCategory } from '../domain/index.js';
import { outboundMessageOf, type OutboundMessage } from './outbound-message.js';

export const OUTBOX_PROJECTION = 'hotline_outbox';

type DirectoryTable = 'hotline_outbox_orders';
type OrderRef = { readonly platformId: string; readonly orderNo: string };

/** What a batch's events need: each owed message, and the order each belongs to. */
interface Batch {
  readonly owed: ReadonlyMap<string, { readonly workOrderId: string; readonly message: OutboundMessage }>;
  readonly orders: ReadonlyMap<string, OrderRef>;
}

const STREAM_PREFIX = `${workOrderStreamCategory}-`;

export function workOrderIdOfStream(streamName: string): string | undefined {
  return streamName.startsWith(STREAM_PREFIX) ? streamName.slice(STREAM_PREFIX.length) : undefined;
}

async function orderRefs(trx: ReadModelTransaction, tables: TableNames<DirectoryTable>, workOrderIds: readonly string[]): Promise<Map<string, OrderRef>> {
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

/** Decodes the batch once: records the dispatches in the directory, and finds the orders of the messages owed. */
async function prepare(trx: ReadModelTransaction, events: readonly RecordedEvent[], tables: TableNames<DirectoryTable>): Promise<Batch> {
  const directory = new Map<string, OrderRef>();
  const owed = new Map<string, { workOrderId: string; message: OutboundMessage }>();
  for (const recorded of events) {
    const workOrderId = workOrderIdOfStream(recorded.streamName);
    const event = workOrderId === undefined ? undefined : toWorkOrderEvent(recorded);
    if (workOrderId === undefined || event === undefined) continue;
    if (event.type === 'WorkOrderDispatched') {
      directory.set(workOrderId, { platformId: event.data.by.platformId, orderNo: event.data.externalNumber });
      continue;
    }
    const message = outboundMessageOf(event);
    if (message) owed.set(recorded.id, { workOrderId, message });
  }
  if (directory.size > 0) {
    await trx
      .insertInto(tables.hotline_outbox_orders)
      .values([...directory].map(([workOrderId, ref]) => ({ work_order_id: workOrderId, platform_id: ref.platformId, order_no: ref.orderNo })))
      .onConflict((oc) => oc.column('work_order_id').doNothing())
      .execute();
  }
  if (owed.size === 0) return { owed, orders: directory };
  const unknown = [...new Set([...owed.values()].map((o) => o.workOrderId))].filter((id) => !directory.has(id));
  const known = await orderRefs(trx, tables, unknown);
  for (const [id, ref] of directory) known.set(id, ref);
  return { owed, orders: known };
}

/** The hotline's rule, pure: the call an event owes the platform, addressed by its order. */
function messagesOf(recorded: RecordedEvent, batch: Batch): readonly MessageToQueue[] {
  const owed = batch.owed.get(recorded.id);
  if (!owed) return [];
  const ref = batch.orders.get(owed.workOrderId);
  // Every order stream starts with its dispatch; a message without one is a broken stream: park it.
  if (!ref) throw new Error(`outbox: work order ${owed.workOrderId} has no dispatch before event ${recorded.id}`);
  return [{
    orderingKey: owed.workOrderId,
    destination: ref.platformId,
    kind: owed.message.action,
    attributes: { orderNo: ref.orderNo },
    payload: JSON.stringify(owed.message.body),
  }];
}

export const hotlineOutboxReactor: OutboxOptions<DirectoryTable, Batch>['reactor'] = {
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
  prepare,
  messagesOf,
};
