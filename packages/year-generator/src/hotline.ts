// A district centre's 12345 year (工单): orders dispatched by the city platform, decided by the hotline
// decider as the platform's messages and the centre's staff would have them decided: signed for (a few
// late), replied mostly on time (a few overdue, a few extended first), a few returned as not ours, and
// followed up by the platform (mostly satisfied).
import type { Actor } from '@bureau/event-store';
import { decide, evolve, hotlineRules, initialState, workOrderStreamName, type WorkOrderCommand, type WorkOrderEvent, type WorkOrderState } from '@bureau/hotline-service/domain';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { workOrderIdOf } from '@bureau/hotline-service/work-order-id';
import type { OfficialWorkingCalendar } from '@bureau/working-calendar';
import { nextWorkingTime } from './legal-aid.js';
import type { DistrictPlan } from './organisations.js';
import { nameOf, phoneOf } from './people.js';
import type { Random } from './random.js';
import { minutes, spread, timeOn, type Day } from './seasonality.js';
import { commandIdOf, StreamBuilder } from './writer.js';

/** The hotline service's deadline timers, as their envelope names them (services/hotline/src/timers/fire-timer.ts). */
const TIMER: Actor = { id: 'hotline-deadline-timer', role: 'system', organisation: 'hotline-service' };

/** The demo city's 12345 platform (scripts/services.mjs). */
export const DEMO_PLATFORM_ID = 'gz12345';

export interface HotlineCounts {
  dispatched: number;
  signedForLate: number;
  replied: number;
  repliedOnTime: number;
  replyOverdue: number;
  extended: number;
  returned: number;
  followedUp: number;
  satisfied: number;
}

export const emptyHotlineCounts = (): HotlineCounts => ({ dispatched: 0, signedForLate: 0, replied: 0, repliedOnTime: 0, replyOverdue: 0, extended: 0, returned: 0, followedUp: 0, satisfied: 0 });

type Builder = StreamBuilder<WorkOrderState, WorkOrderEvent>;

export function hotlineYear(input: {
  readonly seed: string; readonly random: Random; readonly days: readonly Day[]; readonly year: number;
  readonly district: DistrictPlan; readonly orders: number; readonly calendar: OfficialWorkingCalendar; readonly counts: HotlineCounts;
}): Builder[] {
  const { random, district, counts, year } = input;
  const rules = hotlineRules(input.calendar);
  const registry = workOrderEventsFor({ centreOf: () => district.centreId });
  const platform: Actor = { id: DEMO_PLATFORM_ID, role: 'hotline_platform', organisation: DEMO_PLATFORM_ID };
  const staffIds = [1, 2, 3, 4].map((n) => `${district.centreId}-staff-${n}`);
  // The platform dispatches on days off too, less.
  const dates = spread(input.days, input.orders, 0.3);
  return dates.map((date, index) => {
    const orderNo = `GZ12345-${district.id}-${year}-${String(index + 1).padStart(6, '0')}`;
    const workOrderId = workOrderIdOf(DEMO_PLATFORM_ID, orderNo);
    const order: Builder = new StreamBuilder(workOrderStreamName(workOrderId), registry, evolve, initialState());
    const staffId = random.pick(staffIds);
    const staff: Actor = { id: staffId, role: 'centre_staff', organisation: district.centreId };
    const run = (name: string, actor: Actor, at: Date, command: WorkOrderCommand) =>
      order.run(commandIdOf(input.seed, `${orderNo}:${name}`), actor, at, (state) => decide(command, state, { now: at, rules }));
    const dispatchedAt = timeOn(random, date, '08:00', '20:00');
    const category = random.weighted({ consultation: 45, assistance: 25, complaint: 15, suggestion: 10, report: 5 });
    run('dispatch', platform, dispatchedAt, {
      type: 'DispatchWorkOrder',
      data: {
        workOrderId, platformId: DEMO_PLATFORM_ID, owner: district.centreId, externalNumber: orderNo, category, unitRole: random.chance(0.9) ? 'lead' : 'assisting',
        citizen: random.chance(0.1) ? { name: null, phone: null } : { name: nameOf(random), phone: phoneOf(random) },
        content: `市民来电反映${random.pick(['劳动报酬', '物业纠纷', '婚姻家庭', '邻里纠纷', '法律援助申请', '律师服务投诉'])}问题，请予处理。`, dispatchedAt, platformDueAt: null,
      },
    });
    counts.dispatched += 1;
    const signForDueAt = new Date(order.state.status === 'awaiting_sign_for' ? order.state.signForDueAt : dispatchedAt);
    // 签收: within the 2 working hours, a few late (the timer records it first).
    let t: Date;
    if (random.chance(0.04)) {
      run('sign-for-overdue', TIMER, minutes(signForDueAt, 1), { type: 'RecordSignForOverdue', data: { dueAt: signForDueAt } });
      t = minutes(signForDueAt, random.int(20, 240));
      counts.signedForLate += 1;
    } else {
      // Within the office hours before the due time (2 working hours from dispatch).
      t = new Date(Math.max(dispatchedAt.getTime() + 60_000, signForDueAt.getTime() - random.int(10, 110) * 60_000));
    }
    run('sign-for', staff, t, { type: 'SignForWorkOrder', data: { staffId } });
    // 退单: not ours (within the return window), approved by the platform.
    if (random.chance(0.03)) {
      t = minutes(t, random.int(30, 180));
      run('return-request', staff, t, { type: 'RequestReturn', data: { staffId, reason: '不属于本单位职责范围，建议转区人社局' } });
      run('return-approved', platform, minutes(t, random.int(60, 600)), { type: 'RecordReturnApproved', data: { platformId: DEMO_PLATFORM_ID, reason: null } });
      counts.returned += 1;
      return order;
    }
    const dueOf = () => new Date(order.state.status === 'handling' ? order.state.replyDueAt : t);
    // 延期: asked before the due time, granted by the platform.
    if (category !== 'consultation' && random.chance(0.04)) {
      t = minutes(t, random.int(60, 600));
      run('extension-request', staff, t, { type: 'RequestExtension', data: { staffId, reason: '需协调相关部门核实', workingDays: 5 } });
      t = minutes(t, random.int(60, 300));
      run('extension-approved', platform, t, { type: 'RecordExtensionApproved', data: { platformId: DEMO_PLATFORM_ID, grant: { kind: 'working_days', workingDays: 5 } } });
      counts.extended += 1;
    }
    const due = dueOf();
    let repliedAt: Date;
    if (random.chance(0.03)) {
      run('reply-overdue', TIMER, minutes(due, 1), { type: 'RecordReplyOverdue', data: { dueAt: due } });
      repliedAt = nextWorkingTime(random, rules, due, random.int(1, 3));
      counts.replyOverdue += 1;
    } else {
      // Some time before the due time: the limit's working days, less a margin.
      const span = due.getTime() - t.getTime();
      repliedAt = new Date(t.getTime() + Math.floor(span * (0.15 + random.next() * 0.7)));
      counts.repliedOnTime += 1;
    }
    run('reply', staff, repliedAt, { type: 'ReplyToWorkOrder', data: { staffId, answer: '已联系来电人并依法解答，告知维权途径。' } });
    counts.replied += 1;
    // 回访 by the platform, for most replied orders.
    if (random.chance(0.9)) {
      const satisfaction = random.weighted({ satisfied: 78, basically_satisfied: 16, dissatisfied: 6 });
      const result = satisfaction === 'dissatisfied'
        ? { satisfaction, resolved: false, causedByUnit: false, comment: null }
        : { satisfaction, resolved: random.chance(0.9), comment: null };
      run('follow-up', platform, nextWorkingTime(random, rules, repliedAt, random.int(1, 3)), { type: 'RecordFollowUpResult', data: { platformId: DEMO_PLATFORM_ID, result } });
      counts.followedUp += 1;
      if (satisfaction !== 'dissatisfied') counts.satisfied += 1;
    }
    return order;
  });
}
