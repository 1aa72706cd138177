// Admin endpoints, so a person can drive the demo with curl: each POST mirrors a driver method and
// answers 200 with what the centre answered; GETs show what the platform received. No auth: this is
// a stand-in for the city's platform, bound to localhost by default, never deployed for real.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnknownMessageError, type Delivery, type Driver } from './driver.js';
import {
  citizenSchema,
  extensionApprovedData,
  followUpRecordedData,
  inboundMessageTypes,
  noticeIssuedData,
  orderCategorySchema,
  orderNoSchema,
  orderRedoData,
  ordersMergedData,
  orderUrgedData,
  outboundActions,
  reviewOutcomeData,
  unitRoleSchema,
} from '@bureau/hotline-protocol/messages';
import type { Outage } from './outage.js';
import type { PlatformRecord } from './platform-record.js';
import { ProblemError } from './problem.js';

export interface AdminRoutesOptions {
  readonly driver: Driver;
  readonly record: PlatformRecord;
  readonly outage: Outage;
}

const deliverySchema = z.object({
  messageId: z.string(),
  type: z.enum(inboundMessageTypes),
  orderNo: z.string(),
  status: z.number().nullable().describe("the centre's HTTP status; null when it never answered"),
  body: z.unknown(),
  attempts: z.number(),
  error: z.string().optional(),
});
const delivered = { response: { 200: deliverySchema } };
const orderParams = z.object({ orderNo: orderNoSchema });

const dispatchInput = z
  .object({
    orderNo: orderNoSchema,
    category: orderCategorySchema,
    citizen: citizenSchema,
    content: z.string().trim().min(1).max(4000),
    role: unitRoleSchema,
    dueAt: z.iso.datetime({ offset: true }),
  })
  .partial();

const outageInput = z.object({
  down: z.boolean().optional(),
  failNext: z.number().int().min(0).optional(),
  status: z.number().int().min(500).max(599).optional(),
});

export async function adminRoutes(app: FastifyInstance, options: AdminRoutesOptions): Promise<void> {
  const { driver, record, outage } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const order = <B extends z.ZodType>(body: B) => ({ schema: { params: orderParams, body, ...delivered } });

  routes.post('/admin/dispatch', { schema: { body: dispatchInput.nullish(), ...delivered } }, (req) => driver.dispatch(req.body ?? {}));
  routes.post('/admin/orders/:orderNo/approve-return', order(reviewOutcomeData), (req) => driver.approveReturn(req.params.orderNo, req.body.reason));
  routes.post('/admin/orders/:orderNo/reject-return', order(reviewOutcomeData), (req) => driver.rejectReturn(req.params.orderNo, req.body.reason));
  routes.post('/admin/orders/:orderNo/approve-extension', order(extensionApprovedData), (req) => driver.approveExtension(req.params.orderNo, req.body));
  routes.post('/admin/orders/:orderNo/reject-extension', order(reviewOutcomeData), (req) => driver.rejectExtension(req.params.orderNo, req.body.reason));
  routes.post('/admin/orders/:orderNo/follow-up', order(followUpRecordedData), (req) => driver.recordFollowUp(req.params.orderNo, req.body));
  routes.post('/admin/orders/:orderNo/redo', order(orderRedoData), (req) => driver.redo(req.params.orderNo, req.body));
  routes.post('/admin/orders/:orderNo/urge', order(orderUrgedData), (req) => driver.urge(req.params.orderNo, req.body.level, req.body.note));
  routes.post('/admin/orders/:orderNo/notice', order(noticeIssuedData), (req) => driver.issueNotice(req.params.orderNo, req.body.note));
  routes.post('/admin/orders/:orderNo/merge', order(ordersMergedData), (req) => driver.merge(req.params.orderNo, req.body.mergedOrderNos));

  routes.post('/admin/messages/:messageId/redeliver', { schema: { params: z.object({ messageId: z.string() }), ...delivered } }, async (request) => {
    try {
      return await driver.redeliver(request.params.messageId);
    } catch (err) {
      if (err instanceof UnknownMessageError) throw new ProblemError(404, err.message);
      throw err;
    }
  });

  routes.get('/admin/received', { schema: { querystring: z.object({ orderNo: z.string().optional(), action: z.enum(outboundActions).optional() }) } }, async (request) =>
    record.received(request.query),
  );
  routes.get('/admin/attempts', async () => record.attempts());
  routes.get('/admin/orders', async () => record.orders());
  routes.get('/admin/messages', async () => driver.sentMessages());

  routes.get('/admin/outage', async () => outage.state());
  routes.post('/admin/outage', { schema: { body: outageInput } }, async (request) => {
    const { down, failNext, status } = request.body;
    if (down !== undefined) outage.setDown(down);
    if (failNext !== undefined) outage.failNext(failNext, status);
    return outage.state();
  });
}
