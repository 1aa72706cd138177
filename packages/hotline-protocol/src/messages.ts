// Every message of the 12345 ⇄ centre protocol (docs/integrations/12345-protocol.md) as a zod schema
// and its type. Exported for the hotline service, which implements the other side of the same document.
// Objects are tolerant readers (unknown fields are dropped, not refused), so either side may add fields.
import { z } from 'zod';

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);

/** An external order number: unique per platform, used as a URL path segment. */
export const orderNoSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'order numbers are 1-64 letters, digits, _ or -');

// ---- Inbound: platform → centre (webhook) ----

/** 咨询 / 求助 / 建议 / 投诉 / 举报 */
export const orderCategories = ['consultation', 'assistance', 'suggestion', 'complaint', 'report'] as const;
export const orderCategorySchema = z.enum(orderCategories);
export type OrderCategory = z.infer<typeof orderCategorySchema>;

/** 主办 / 协办 */
export const unitRoleSchema = z.enum(['lead', 'assisting']);
export type UnitRole = z.infer<typeof unitRoleSchema>;

export const satisfactionSchema = z.enum(['satisfied', 'basically_satisfied', 'dissatisfied']);
export type Satisfaction = z.infer<typeof satisfactionSchema>;

/** 催办 (urge) / 督办 (supervise) */
export const urgeLevelSchema = z.enum(['urge', 'supervise']);
export type UrgeLevel = z.infer<typeof urgeLevelSchema>;

export const citizenSchema = z.object({ name: text(64), phone: text(32) });
export type Citizen = z.infer<typeof citizenSchema>;

export const orderDispatchedData = z.object({
  category: orderCategorySchema,
  citizen: citizenSchema,
  content: text(4000),
  role: unitRoleSchema,
  dueAt: instant.optional(),
});
export const reviewOutcomeData = z.object({ reason: text(1000).optional() });
/** Working days granted, or the new due time: exactly one of the two. */
export const extensionApprovedData = z
  .object({ days: z.number().int().positive().max(365).optional(), newDueAt: instant.optional() })
  .refine((d) => (d.days === undefined) !== (d.newDueAt === undefined), { message: 'give exactly one of days and newDueAt' });
export const followUpRecordedData = z.object({
  satisfaction: satisfactionSchema,
  resolved: z.boolean(),
  causedByUnit: z.boolean(),
  comment: text(2000).optional(),
});
export const orderRedoData = z.object({ reason: text(1000), dueAt: instant.optional() });
export const orderUrgedData = z.object({ level: urgeLevelSchema, note: text(1000).optional() });
export const noticeIssuedData = z.object({ note: text(2000) });
export const ordersMergedData = z.object({ mergedOrderNos: z.array(orderNoSchema).min(1).max(100) });

const envelope = { messageId: z.uuid(), orderNo: orderNoSchema, occurredAt: instant };
const variant = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ ...envelope, type: z.literal(type), data });

export const inboundMessageSchema = z.discriminatedUnion('type', [
  variant('order.dispatched', orderDispatchedData),
  variant('return.approved', reviewOutcomeData),
  variant('return.rejected', reviewOutcomeData),
  variant('extension.approved', extensionApprovedData),
  variant('extension.rejected', reviewOutcomeData),
  variant('followup.recorded', followUpRecordedData),
  variant('order.redo', orderRedoData),
  variant('order.urged', orderUrgedData),
  variant('notice.issued', noticeIssuedData),
  variant('orders.merged', ordersMergedData),
]);
export type InboundMessage = z.infer<typeof inboundMessageSchema>;
export type InboundMessageType = InboundMessage['type'];
export type InboundData<T extends InboundMessageType> = Extract<InboundMessage, { type: T }>['data'];
export const inboundMessageTypes = inboundMessageSchema.options.map((o) => o.shape.type.value);

/** The centre's 200 answer. `position` is the event's global position in text form ("commit/prepare"). */
export const centreAnswerSchema = z.object({
  workOrderId: z.string().min(1),
  position: z.string().min(1),
  duplicate: z.boolean(),
});
export type CentreAnswer = z.infer<typeof centreAnswerSchema>;

/** The webhook path on the centre for one platform. */
export function webhookPath(platformId: string): string {
  return `/integrations/12345/${encodeURIComponent(platformId)}/messages`;
}

// ---- Outbound: centre → platform ----

export const signForBody = z.object({ signedForAt: instant, staffId: text(64) });
export const returnRequestBody = z.object({ requestedAt: instant, reason: text(1000) });
export const extensionRequestBody = z.object({ requestedAt: instant, reason: text(1000), days: z.number().int().positive().max(365) });
export const replyBody = z.object({ repliedAt: instant, answer: text(8000), staffId: text(64) });

/** `POST {platformBaseUrl}/api/orders/{orderNo}/{action}`: 签收 / 退单申请 / 延期申请 / 办结答复. */
export const outboundBodies = {
  'sign-for': signForBody,
  'return-requests': returnRequestBody,
  'extension-requests': extensionRequestBody,
  replies: replyBody,
} as const;
export type OutboundAction = keyof typeof outboundBodies;
export const outboundActions = ['sign-for', 'return-requests', 'extension-requests', 'replies'] as const satisfies readonly OutboundAction[];
export type OutboundBody<A extends OutboundAction> = z.infer<(typeof outboundBodies)[A]>;

/** The header carrying the id of the domain event an outbound call comes from. */
export const idempotencyKeyHeader = 'idempotency-key';
