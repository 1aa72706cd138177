// The 12345 hotline work-order decider (工单): the public face of the domain core. See README.md here.
export type * from './commands.js';
export type * from './events.js';
export type * from './state.js';
export * from './vocabulary.js';
export { isWorkOrderEventType, toWorkOrderEvent } from './events.js';
export { initialState } from './state.js';
export { evolve, foldWorkOrder } from './evolve.js';
export { decide } from './decide.js';
export { decideCountingProvisionally } from './provisional.js';
export { countedDeadlines } from './decide/recompute.js';
export { WorkOrderRuleBroken, ruleDetail, type WorkOrderRule } from './errors.js';
export {
  defaultHotlineLimits,
  hotlineRules,
  type DecisionContext,
  type HotlineLimitOverrides,
  type HotlineLimits,
  type HotlineRules,
} from './rules.js';
export { dispatchDeadlines, extendDue, officeHoursRecord, type DispatchDeadlines } from './deadlines.js';
export { isOverdue, isReplyOverdue, isSignForOverdue } from './overdue.js';
export { metricInputs, type WorkOrderMetricInputs } from './metrics.js';
export { workOrderStreamCategory, workOrderStreamName } from './stream.js';

import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { initialState } from './state.js';

/** The decider as one value, for a generic command handler. */
export const workOrderDecider = { initialState, evolve, decide } as const;
