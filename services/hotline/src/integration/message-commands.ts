// Each inbound 12345 message (docs/integrations/12345-protocol.md) as the decider command it stands for.
// Pure: the work-order id is derived by the caller, times are parsed here.
import type { InboundMessage } from '@bureau/hotline-protocol/messages';
import type { ExtensionGrant, FollowUpResult, WorkOrderCommand } from '../domain/index.js';

export function commandOfMessage(message: InboundMessage, platformId: string, workOrderId: string, owner: string): WorkOrderCommand {
  switch (message.type) {
    case 'order.dispatched': {
      const d = message.data;
      return {
        type: 'DispatchWorkOrder',
        data: {
          workOrderId,
          platformId,
          owner,
          externalNumber: message.orderNo,
          category: d.category,
          unitRole: d.role,
          citizen: { name: d.citizen.name, phone: d.citizen.phone },
          content: d.content,
          // Receipt (受理) is the dispatch: the platform's own time, so a redelivery is the same dispatch.
          dispatchedAt: new Date(message.occurredAt),
          platformDueAt: d.dueAt === undefined ? null : new Date(d.dueAt),
        },
      };
    }
    case 'return.approved':
      return { type: 'RecordReturnApproved', data: { platformId, reason: message.data.reason ?? null } };
    case 'return.rejected':
      return { type: 'RecordReturnRejected', data: { platformId, reason: message.data.reason ?? null } };
    case 'extension.approved':
      return { type: 'RecordExtensionApproved', data: { platformId, grant: grantOf(message.data) } };
    case 'extension.rejected':
      return { type: 'RecordExtensionRejected', data: { platformId, reason: message.data.reason ?? null } };
    case 'followup.recorded':
      return { type: 'RecordFollowUpResult', data: { platformId, result: followUpOf(message.data) } };
    case 'order.redo':
      return {
        type: 'RedoWorkOrder',
        data: { platformId, reason: message.data.reason, replyDueAt: message.data.dueAt === undefined ? null : new Date(message.data.dueAt) },
      };
    case 'order.urged':
      return { type: 'UrgeWorkOrder', data: { platformId, level: message.data.level, note: message.data.note ?? null } };
    case 'notice.issued':
      return { type: 'RecordNoticeIssued', data: { platformId, note: message.data.note } };
    case 'orders.merged':
      return { type: 'MergeWorkOrders', data: { platformId, externalNumbers: [...message.data.mergedOrderNos] } };
    default: {
      const unknown: never = message;
      return unknown;
    }
  }
}

/** The schema guarantees exactly one of the two. */
function grantOf(data: { days?: number | undefined; newDueAt?: string | undefined }): ExtensionGrant {
  if (data.days !== undefined) return { kind: 'working_days', workingDays: data.days };
  if (data.newDueAt !== undefined) return { kind: 'due_time', replyDueAt: new Date(data.newDueAt) };
  throw new Error('extension.approved without days or newDueAt passed validation');
}

function followUpOf(data: {
  satisfaction: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  resolved: boolean;
  causedByUnit: boolean;
  comment?: string | undefined;
}): FollowUpResult {
  const comment = data.comment ?? null;
  if (data.satisfaction === 'dissatisfied') {
    return { satisfaction: 'dissatisfied', resolved: data.resolved, causedByUnit: data.causedByUnit, comment };
  }
  return { satisfaction: data.satisfaction, resolved: data.resolved, comment };
}
