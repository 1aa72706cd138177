// Which work-order events the platform must hear about, and what each call says (protocol "Outbound:
// centre → platform"). Pure: the body is built once from the event, stored, and sent byte for byte on
// every retry, so the platform's idempotency check sees the very same call.
import type { OutboundAction, OutboundBody } from '@bureau/hotline-protocol/messages';
import type { WorkOrderEvent } from '../domain/index.js';

export type OutboundMessage = {
  [A in OutboundAction]: { readonly action: A; readonly body: OutboundBody<A> };
}[OutboundAction];

/** The call an event causes: 签收, 退单申请, 延期申请, 办结答复; undefined for every other event. */
export function outboundMessageOf(event: WorkOrderEvent): OutboundMessage | undefined {
  switch (event.type) {
    case 'WorkOrderSignedFor':
      return { action: 'sign-for', body: { signedForAt: event.data.signedForAt, staffId: event.data.by.staffId } };
    case 'ReturnRequested':
      return { action: 'return-requests', body: { requestedAt: event.data.requestedAt, reason: event.data.reason } };
    case 'ExtensionRequested':
      return {
        action: 'extension-requests',
        body: { requestedAt: event.data.requestedAt, reason: event.data.reason, days: event.data.workingDays },
      };
    case 'WorkOrderReplied':
      return { action: 'replies', body: { repliedAt: event.data.repliedAt, answer: event.data.answer, staffId: event.data.by.staffId } };
    case 'WorkOrderDispatched':
    case 'HandlingNoteAdded':
    case 'WorkOrderAssigned':
    case 'WorkOrderReturned':
    case 'ReturnRejected':
    case 'ExtensionApproved':
    case 'ExtensionRejected':
    case 'FollowUpResultRecorded':
    case 'WorkOrderRedoRequested':
    case 'WorkOrderUrged':
    case 'WorkOrderNoticeIssued':
    case 'WorkOrderMerged':
    case 'SignForOverdue':
    case 'ReplyOverdue':
    case 'DeadlinesRecomputed':
      return undefined;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** The platform's path for a call about one order. */
export function outboundPath(orderNo: string, action: OutboundAction): string {
  return `/api/orders/${encodeURIComponent(orderNo)}/${action}`;
}
