// 超期 (docs/reports/counting-rules.md): an order counts once it is replied after the due time that
// stands, or is open and recorded overdue for that due time (ReplyOverdue), in the due day's month (a due
// time is 24:00 of its day). An open order past its due time whose overdue is not recorded does not count
// yet, whatever the clock: the same rule as the hotline's monthly 超期 (services/hotline/test/read-models).
import t from 'tap';
import type { WorkOrderEvent } from '@bureau/hotline-service/domain';
import { reportsFixture } from './support/app.js';
import { dispatch, local, reply, signFor, workOrderHistory } from './support/histories.js';

const dueOf = (events: readonly WorkOrderEvent[]) => {
  const dispatched = events.find((e) => e.type === 'WorkOrderDispatched');
  if (dispatched?.type !== 'WorkOrderDispatched') throw new Error('not dispatched');
  return new Date(dispatched.data.replyDueAt);
};

/** The month of the due day (Beijing time): a due time is 24:00 of its day, the next day's first instant. */
const dueMonth = (due: Date) => new Date(due.getTime() - 1 + 8 * 3_600_000).toISOString().slice(0, 7);

t.test('超期: recorded overdue or replied late, in the due day\'s month', async (t) => {
  const f = await reportsFixture(t, new Date('2026-05-10T02:00:00Z'));
  const overdue = async (month: string) => (await f.get(`/reports/huadu/${month}`)).json().districts[0].figures.overdue.value as number;
  const lists = async (month: string) => (await f.get(`/reports/huadu/${month}/figures/overdue/facts`)).json().items.map((i: { caseId: string }) => i.caseId) as string[];

  // Open past its due time, nothing recorded: not 超期 (the clock is past it).
  const open = crypto.randomUUID();
  const openHistory = workOrderHistory([dispatch(open, local('2026-03-02 10:00')), signFor(local('2026-03-02 11:00'))]);
  await f.appendWorkOrder(open, openHistory);
  const due = dueOf(openHistory);
  const month = dueMonth(due);
  t.equal(await overdue(month), 0, 'an open order past due with no overdue recorded does not count');

  // The deadline timer records it: now it counts, in the due day's month.
  const overdueEvents = workOrderHistory([dispatch(open, local('2026-03-02 10:00')), signFor(local('2026-03-02 11:00')), { command: { type: 'RecordReplyOverdue', data: { dueAt: due } }, now: new Date(due.getTime() + 60_000) }]).slice(openHistory.length);
  t.equal(overdueEvents[0]?.type, 'ReplyOverdue');
  await f.appendWorkOrder(open, overdueEvents);
  t.equal(await overdue(month), 1, 'recorded overdue: 超期');
  t.same(await lists(month), [open], 'its drill-down lists the order');

  // Replied after its due time: 超期; replied in time: not.
  const late = crypto.randomUUID();
  const lateHistory = workOrderHistory([dispatch(late, local('2026-03-03 10:00')), signFor(local('2026-03-03 11:00')), reply(local('2026-04-20 10:00'))]);
  await f.appendWorkOrder(late, lateHistory);
  const inTime = crypto.randomUUID();
  await f.appendWorkOrder(inTime, workOrderHistory([dispatch(inTime, local('2026-03-03 10:00')), signFor(local('2026-03-03 11:00')), reply(local('2026-03-04 10:00'))]));
  const lateMonth = dueMonth(dueOf(lateHistory));
  t.ok((await lists(lateMonth)).includes(late), 'replied after the due time: 超期');
  t.notOk([...(await lists('2026-03')), ...(await lists('2026-04'))].includes(inTime), 'replied in time: not');
});
