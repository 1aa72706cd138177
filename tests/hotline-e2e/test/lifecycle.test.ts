// The platform (simulator) and the centre (hotline service), both real HTTP servers, through a work
// order's whole life: 派单 → 签收 → 退单申请 → 退单驳回 → 延期申请 → 延期批准 → 办结 → 回访不满意 → 重办 → 办结 → 回访满意.
// Each step of the platform is a signed webhook call; each step of the centre reaches the platform
// through the outbox.
import t from 'tap';
import { eventually, shanghaiMonth, startBoth } from './support.js';

t.test('given an order dispatched by the platform, when it goes through its whole life, then both sides agree on every step', async (t) => {
  const { platform, act, read, streamOf, logs } = await startBoth(t);
  const started = new Date();

  const dispatched = await platform.dispatch({ category: 'consultation', citizen: { name: '王小明', phone: '13900001111' }, content: '王小明（13900001111）咨询劳动合同解除' });
  t.match(dispatched, { status: 200, body: { duplicate: false } }, '派单 accepted');
  const { orderNo } = dispatched;
  const workOrderId = String((dispatched.body as { workOrderId: string }).workOrderId);

  t.equal((await act(workOrderId, 'sign-for')).status, 200, '签收');
  t.equal((await act(workOrderId, 'return-request', { reason: '疑似不属于本中心职责' })).status, 200, '退单申请');
  await eventually(() => platform.received({ orderNo, action: 'return-requests' }).length === 1, 15_000, 'the return request at the platform');
  t.match(await platform.rejectReturn(orderNo, '属于法律咨询，请继续办理'), { status: 200 }, '退单驳回');
  t.equal((await act(workOrderId, 'extension-request', { reason: '需当事人补充材料', workingDays: 2 })).status, 200, '延期申请');
  await eventually(() => platform.received({ orderNo, action: 'extension-requests' }).length === 1, 15_000, 'the extension request at the platform');
  t.match(await platform.approveExtension(orderNo, { days: 2 }), { status: 200 }, '延期批准');
  t.equal((await act(workOrderId, 'reply', { answer: '已电话答复王小明：可依法协商解除' })).status, 200, '办结');
  await eventually(() => platform.received({ orderNo, action: 'replies' }).length === 1, 15_000, 'the reply at the platform');

  t.match(await platform.recordFollowUp(orderNo, { satisfaction: 'dissatisfied', resolved: false, causedByUnit: true, comment: '答复不具体' }), { status: 200 }, '回访：不满意，责任在承办单位');
  t.match(await platform.redo(orderNo, { reason: '群众不满意，请重新办理' }), { status: 200 }, '重办');
  const again = await act(workOrderId, 'reply', { answer: '已上门解释并提供书面意见' });
  t.equal(again.status, 200, '再次办结');
  await eventually(() => platform.received({ orderNo, action: 'replies' }).length === 2, 15_000, 'the second reply at the platform');
  t.match(await platform.recordFollowUp(orderNo, { satisfaction: 'satisfied', resolved: true, causedByUnit: false }), { status: 200 }, '回访：满意');

  // The platform received each of the centre's messages once, in order, keyed by the event it comes from.
  const stream = await streamOf(workOrderId);
  const calls = platform.received({ orderNo });
  t.same(calls.map((c) => c.action), ['sign-for', 'return-requests', 'extension-requests', 'replies', 'replies']);
  const idOf = (type: string, nth = 0) => stream.filter((e) => e.type === type)[nth]?.id;
  t.same(
    calls.map((c) => c.idempotencyKey),
    [idOf('WorkOrderSignedFor'), idOf('ReturnRequested'), idOf('ExtensionRequested'), idOf('WorkOrderReplied'), idOf('WorkOrderReplied', 1)],
    'each idempotency key is its event id',
  );
  t.match(calls[2]?.body, { reason: '需当事人补充材料', days: 2 });
  t.match(calls[4]?.body, { answer: '已上门解释并提供书面意见', staffId: 'staff-li' });

  // The order's timeline, straight from its stream.
  const timeline = await read(`/work-orders/${workOrderId}/timeline`);
  t.equal(timeline.status, 200);
  t.same((timeline.body.entries as Array<{ type: string }>).map((e) => e.type), [
    'WorkOrderDispatched',
    'WorkOrderSignedFor',
    'ReturnRequested',
    'ReturnRejected',
    'ExtensionRequested',
    'ExtensionApproved',
    'WorkOrderReplied',
    'FollowUpResultRecorded',
    'WorkOrderRedoRequested',
    'WorkOrderReplied',
    'FollowUpResultRecorded',
  ]);
  t.match(timeline.body.chain, { intact: true, events: 11 }, 'the hash chain holds');

  // The read model and the month's figures.
  const order = await eventually(async () => {
    const res = await read(`/work-orders/${workOrderId}`);
    return res.body.followUp && (res.body.followUp as { satisfaction: string }).satisfaction === 'satisfied' ? res.body : undefined;
  }, 10_000, 'the read model to show the last follow-up');
  t.match(order, {
    externalNumber: orderNo,
    status: 'replied',
    signedForOnTime: true,
    repliedOnTime: true,
    replyCount: 2,
    redoCount: 1,
    extensionDaysApproved: 2,
    signForOverdue: false,
    replyOverdue: false,
    returnedAt: null,
  });
  const month = shanghaiMonth(started);
  t.equal(month, shanghaiMonth(new Date()), 'the test ran within one month');
  const report = await read(`/reports/monthly/${month}`);
  t.match(report.body, {
    month,
    dispatched: 1,
    timelySignForRate: { numerator: 1, denominator: 1, rate: 1 },
    returnRate: { numerator: 0, denominator: 1, rate: 0 },
    onTimeReplyRate: { numerator: 1, denominator: 1, rate: 1 },
    satisfactionRate: { numerator: 1, denominator: 1, rate: 1 },
    resolutionRate: { numerator: 1, denominator: 1, rate: 1 },
    overdueCount: 0,
  });

  const stats = await read('/outbox/stats');
  t.match(stats.body, { pending: 0, delivered: 5, dead: 0 });
  t.notMatch(logs.text(), /13900001111|王小明/, "the citizen's name and phone never reached the centre's log");
});
