// 12345 work orders (工单): what the report needs of one order's stream, folded from its events, and the
// facts it gives (docs/reports/counting-rules.md, "12345 hotline"; the same rules as the hotline's monthly
// figures).
import type { WorkOrderEvent } from '@bureau/hotline-service/domain';
import { fact, type Fact } from './fact.js';

export interface WorkOrderSummary {
  readonly workOrderId: string;
  readonly owner: string;
  readonly category: string;
  readonly dispatchedAt: string;
  readonly status: 'open' | 'replied' | 'returned';
  readonly signedForOnTime: boolean;
  /** When it was signed for (the verdict is judged again when the deadlines are recounted). */
  readonly signedForAt: string | null;
  readonly replyDueAt: string;
  readonly lastReply: { readonly at: string; readonly onTime: boolean } | null;
  readonly followUp: { readonly at: string; readonly satisfied: boolean; readonly resolved: boolean } | null;
  /** The reply due time the deadline timer last recorded passing without a reply (ReplyOverdue). */
  readonly replyOverdueFor: string | null;
}

export function evolveWorkOrderSummary(summary: WorkOrderSummary | null, event: WorkOrderEvent): WorkOrderSummary | null {
  if (event.type === 'WorkOrderDispatched') {
    const d = event.data;
    return {
      workOrderId: d.workOrderId, owner: d.owner, category: d.category, dispatchedAt: d.dispatchedAt, status: 'open',
      signedForOnTime: false, signedForAt: null, replyDueAt: d.replyDueAt, lastReply: null, followUp: null, replyOverdueFor: null,
    };
  }
  if (!summary) return null;
  switch (event.type) {
    case 'WorkOrderSignedFor':
      return { ...summary, signedForOnTime: event.data.onTime, signedForAt: event.data.signedForAt };
    case 'WorkOrderReturned':
      return { ...summary, status: 'returned' };
    case 'WorkOrderReplied':
      return { ...summary, status: 'replied', replyDueAt: event.data.replyDueAt, lastReply: { at: event.data.repliedAt, onTime: event.data.onTime } };
    case 'FollowUpResultRecorded': {
      const r = event.data.result;
      return { ...summary, followUp: { at: event.data.recordedAt, satisfied: r.satisfaction !== 'dissatisfied', resolved: r.resolved } };
    }
    case 'WorkOrderRedoRequested':
      return { ...summary, status: 'open', replyDueAt: event.data.replyDueAt, replyOverdueFor: null };
    case 'ExtensionApproved':
      return { ...summary, replyDueAt: event.data.replyDueAt };
    case 'DeadlinesRecomputed': {
      // As the hotline's row: acts already done are judged again against the recounted deadlines.
      const { replyDueAt, signForDueAt } = event.data;
      const signedForOnTime = summary.signedForAt === null ? summary.signedForOnTime : time(summary.signedForAt) <= time(signForDueAt);
      const lastReply = summary.lastReply && summary.status === 'replied' ? { ...summary.lastReply, onTime: time(summary.lastReply.at) <= time(replyDueAt) } : summary.lastReply;
      return { ...summary, replyDueAt, signedForOnTime, lastReply };
    }
    case 'ReplyOverdue':
      return { ...summary, replyOverdueFor: event.data.dueAt };
    case 'HandlingNoteAdded':
    case 'WorkOrderAssigned':
    case 'ReturnRequested':
    case 'ReturnRejected':
    case 'ExtensionRequested':
    case 'ExtensionRejected':
    case 'WorkOrderUrged':
    case 'WorkOrderNoticeIssued':
    case 'WorkOrderMerged':
    case 'SignForOverdue':
      return summary;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

const time = (iso: string) => new Date(iso).getTime();

export function workOrderFacts(s: WorkOrderSummary | null): Fact[] {
  if (!s) return [];
  const base = { orgId: s.owner, caseKind: 'work-order' as const, caseId: s.workOrderId };
  const dims = { category: s.category };
  const facts: Fact[] = [fact({ ...base, kind: 'work_order.dispatched', occurredAt: s.dispatchedAt, dims })];
  if (s.signedForOnTime) facts.push(fact({ ...base, kind: 'work_order.signed_for_on_time', occurredAt: s.dispatchedAt, dims }));
  if (s.status === 'returned') facts.push(fact({ ...base, kind: 'work_order.returned', occurredAt: s.dispatchedAt, dims }));
  if (s.lastReply) {
    facts.push(fact({ ...base, kind: 'work_order.replied', occurredAt: s.lastReply.at, dims }));
    if (s.lastReply.onTime) facts.push(fact({ ...base, kind: 'work_order.replied_on_time', occurredAt: s.lastReply.at, dims }));
  }
  if (s.followUp) {
    facts.push(fact({ ...base, kind: 'work_order.rated', occurredAt: s.followUp.at, dims }));
    if (s.followUp.satisfied) facts.push(fact({ ...base, kind: 'work_order.satisfied', occurredAt: s.followUp.at, dims }));
    if (s.followUp.resolved) facts.push(fact({ ...base, kind: 'work_order.resolved', occurredAt: s.followUp.at, dims }));
  }
  // 超期 (counting-rules.md): replied after the due time that stands, or open and recorded overdue for it.
  const late = s.status === 'replied'
    ? s.lastReply !== null && time(s.lastReply.at) > time(s.replyDueAt)
    : s.status === 'open' && s.replyOverdueFor !== null && time(s.replyOverdueFor) === time(s.replyDueAt);
  // A due time is 24:00 of its day (the next day's first instant): it counts in that day's month, so the
  // fact stands a millisecond before it (the hotline counts due times in (from, to]).
  if (late) facts.push(fact({ ...base, kind: 'work_order.overdue', occurredAt: new Date(time(s.replyDueAt) - 1).toISOString(), dims }));
  return facts;
}
