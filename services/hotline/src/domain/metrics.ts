// Per-order inputs to the hotline metrics (domain reference §1); a read model sums them over orders:
// 及时签收率 = signedForOnTime / dispatched; 按时办结率 = repliedOnTime / replied;
// 满意率 = satisfied / rated (satisfied + basically satisfied); 解决率 = resolved / rated;
// overdue count; return rate = returned / dispatched. After a redo, the latest reply and follow-up count.
import { isOverdue } from './overdue.js';
import type { WorkOrderState } from './state.js';

export type WorkOrderMetricInputs = {
  dispatched: boolean;
  signedFor: boolean;
  signedForOnTime: boolean;
  replied: boolean;
  repliedOnTime: boolean;
  rated: boolean;
  satisfied: boolean;
  resolved: boolean;
  overdue: boolean;
  returned: boolean;
};

export function metricInputs(state: WorkOrderState, now: Date): WorkOrderMetricInputs {
  if (state.status === 'not_dispatched') {
    return {
      dispatched: false,
      signedFor: false,
      signedForOnTime: false,
      replied: false,
      repliedOnTime: false,
      rated: false,
      satisfied: false,
      resolved: false,
      overdue: false,
      returned: false,
    };
  }
  const replied = state.status === 'replied' ? state : null;
  const followUp = replied?.followUp ?? null;
  return {
    dispatched: true,
    signedFor: state.signedFor !== null,
    signedForOnTime: state.signedFor?.onTime ?? false,
    replied: replied !== null,
    repliedOnTime: replied?.lastReply.onTime ?? false,
    rated: followUp !== null,
    satisfied: followUp !== null && followUp.satisfaction !== 'dissatisfied',
    resolved: followUp?.resolved ?? false,
    overdue: isOverdue(state, now),
    returned: state.status === 'returned',
  };
}
