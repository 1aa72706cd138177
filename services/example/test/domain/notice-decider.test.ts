import t from 'tap';
import { DomainRuleError, foldEvents } from '@bureau/service-kit/domain';
import type { NoticeCommand, NoticeEvent } from '../../src/domain/notice.js';
import { noticeDecider, noticeRules } from '../../src/domain/notice-decider.js';

const noticeId = '6d0f2e9c-3b1a-4c55-9a57-1f2e3d4c5b6a';
const contact = { name: '李四', phone: '020-12345678' };
const posted: NoticeEvent = {
  type: 'NoticePosted',
  data: { noticeId, title: '法律援助咨询日', body: '每周三上午在中心大厅。', contact, postedAt: '2025-03-03T01:00:00.000Z' },
};
const withdrawn: NoticeEvent = { type: 'NoticeWithdrawn', data: { noticeId, reason: 'event cancelled', withdrawnAt: '2025-03-04T01:00:00.000Z' } };
const post: NoticeCommand = { type: 'PostNotice', data: posted.data };
const withdraw: NoticeCommand = { type: 'WithdrawNotice', data: withdrawn.data };

/** given these events, when this command: the events decided, or the rule broken. */
function when(given: NoticeEvent[], command: NoticeCommand) {
  try {
    return { events: noticeDecider.decide(command, foldEvents(noticeDecider, given)) };
  } catch (error) {
    if (error instanceof DomainRuleError) return { rule: error.rule };
    throw error;
  }
}

t.test('given no notice, when posted, then NoticePosted', async (t) => {
  t.same(when([], post), { events: [posted] });
});

t.test('given a posted notice, when posted again, then it is refused', async (t) => {
  t.same(when([posted], post), { rule: noticeRules.alreadyPosted });
});

t.test('given a posted notice, when withdrawn, then NoticeWithdrawn', async (t) => {
  t.same(when([posted], withdraw), { events: [withdrawn] });
});

t.test('given no notice, when withdrawn, then it is refused: nothing to withdraw', async (t) => {
  t.same(when([], withdraw), { rule: noticeRules.notPosted });
});

t.test('given a withdrawn notice, when withdrawn again, then it is refused', async (t) => {
  t.same(when([posted, withdrawn], withdraw), { rule: noticeRules.alreadyWithdrawn });
});

t.test('given a withdrawn notice, when posted again under the same id, then it is refused', async (t) => {
  t.same(when([posted, withdrawn], post), { rule: noticeRules.alreadyPosted });
});

t.test('evolve: a withdrawal keeps what was posted and records when and why', async (t) => {
  t.same(foldEvents(noticeDecider, [posted, withdrawn]), {
    status: 'withdrawn', ...posted.data, reason: 'event cancelled', withdrawnAt: '2025-03-04T01:00:00.000Z',
  });
});
