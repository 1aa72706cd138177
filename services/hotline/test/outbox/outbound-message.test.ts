// The message each event becomes, checked against the protocol's own schemas (the simulator's).
import t from 'tap';
import { outboundBodies } from '@bureau/hotline-protocol/messages';
import type { WorkOrderEvent } from '../../src/domain/index.js';
import { outboundMessageOf, outboundPath } from '../../src/outbox/index.js';

const staff = { kind: 'staff', staffId: 'staff-li' } as const;

t.test('given the four events the platform must hear of, then each becomes its call with a protocol-valid body', async (t) => {
  const cases: Array<[WorkOrderEvent, string, object]> = [
    [
      { type: 'WorkOrderSignedFor', data: { by: staff, signedForAt: '2025-11-03T02:30:00.000Z', signForDueAt: '2025-11-03T04:00:00.000Z', onTime: true } },
      'sign-for',
      { signedForAt: '2025-11-03T02:30:00.000Z', staffId: 'staff-li' },
    ],
    [
      { type: 'ReturnRequested', data: { by: staff, reason: '不属于本中心职责', requestedAt: '2025-11-03T03:00:00.000Z' } },
      'return-requests',
      { requestedAt: '2025-11-03T03:00:00.000Z', reason: '不属于本中心职责' },
    ],
    [
      { type: 'ExtensionRequested', data: { by: staff, reason: '需调取材料', workingDays: 5, requestedAt: '2025-11-04T03:00:00.000Z' } },
      'extension-requests',
      { requestedAt: '2025-11-04T03:00:00.000Z', reason: '需调取材料', days: 5 },
    ],
    [
      { type: 'WorkOrderReplied', data: { by: staff, answer: '已答复', repliedAt: '2025-11-05T03:00:00.000Z', replyDueAt: '2025-11-24T16:00:00.000Z', onTime: true } },
      'replies',
      { repliedAt: '2025-11-05T03:00:00.000Z', answer: '已答复', staffId: 'staff-li' },
    ],
  ];
  for (const [event, action, body] of cases) {
    const message = outboundMessageOf(event);
    t.same(message, { action, body }, event.type);
    if (!message) continue;
    t.ok(outboundBodies[message.action].safeParse(message.body).success, `${event.type}: the platform's schema accepts the body`);
  }
});

t.test('given an event the platform does not need, then there is no message', async (t) => {
  t.equal(outboundMessageOf({ type: 'ReplyOverdue', data: { by: { kind: 'deadline_timer' }, dueAt: '2025-11-24T16:00:00.000Z', recordedAt: '2025-11-24T16:00:00.000Z' } }), undefined);
  t.equal(outboundMessageOf({ type: 'HandlingNoteAdded', data: { noteId: 'n1', by: staff, note: '已联系', addedAt: '2025-11-03T03:00:00.000Z' } }), undefined);
});

t.test('the order number is one path segment, escaped', async (t) => {
  t.equal(outboundPath('GZ2025110300123', 'replies'), '/api/orders/GZ2025110300123/replies');
  t.equal(outboundPath('a/b', 'sign-for'), '/api/orders/a%2Fb/sign-for');
});
