// evolve for DeadlinesRecomputed: each recounted limit takes its new record (a limit no longer running,
// or a due moment that has moved since, is left as it is).
import type { DeadlinesRecomputed } from '../events.js';
import type { LegalAidState } from '../state.js';

export function evolveRecount(state: LegalAidState, { data }: DeadlinesRecomputed): LegalAidState {
  let next = state;
  for (const { limit, previousDueAt, deadline } of data.limits) {
    switch (limit) {
      case 'custody_forwarding':
        if (next.status === 'awaiting_custody_forwarding' && next.forwarding.dueAt === previousDueAt) next = { ...next, forwarding: deadline };
        break;
      case 'review':
        if ((next.status === 'in_review' || next.status === 'awaiting_materials') && next.review.current.dueAt === previousDueAt) {
          next = { ...next, review: { ...next.review, current: deadline } };
        }
        break;
      case 'materials':
        if (next.status === 'awaiting_materials' && next.materials.due.dueAt === previousDueAt) next = { ...next, materials: { ...next.materials, due: deadline } };
        break;
      case 'assignment':
        if (next.status !== 'none' && next.status !== 'awaiting_custody_forwarding' && next.assignmentDue?.dueAt === previousDueAt) next = { ...next, assignmentDue: deadline };
        break;
      case 'objection':
        if (next.status === 'objection_pending' && next.objection.decision.dueAt === previousDueAt) next = { ...next, objection: { ...next.objection, decision: deadline } };
        break;
      default: {
        const unknown: never = limit;
        void unknown;
      }
    }
  }
  return next;
}
