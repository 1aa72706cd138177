// One order as the read model holds it (the timeline comes straight from the stream: see timeline.ts).
import type { Kysely } from 'kysely';
import type { HotlineReadDatabase, WorkOrderRow } from './tables.js';

export async function findWorkOrder(db: Kysely<HotlineReadDatabase>, workOrderId: string): Promise<WorkOrderRow | undefined> {
  return await db.selectFrom('hotline_work_orders').selectAll().where('work_order_id', '=', workOrderId).executeTakeFirst();
}
