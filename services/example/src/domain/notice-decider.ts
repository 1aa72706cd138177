// The notice board's rules. Pure: time arrives in the command, errors are DomainRuleErrors.
import { DomainRuleError, type Decider } from '@bureau/service-kit/domain';
import type { NoticeCommand, NoticeEvent, NoticeState } from './notice.js';

export const noticeRules = {
  alreadyPosted: 'notice_already_posted',
  notPosted: 'notice_not_posted',
  alreadyWithdrawn: 'notice_already_withdrawn',
} as const;

function decide(command: NoticeCommand, state: NoticeState): NoticeEvent[] {
  switch (command.type) {
    case 'PostNotice':
      if (state.status !== 'unposted') throw new DomainRuleError(noticeRules.alreadyPosted, 'A notice with this id has already been posted.');
      return [{ type: 'NoticePosted', data: command.data }];
    case 'WithdrawNotice':
      if (state.status === 'unposted') throw new DomainRuleError(noticeRules.notPosted, 'There is no such notice to withdraw.');
      if (state.status === 'withdrawn') throw new DomainRuleError(noticeRules.alreadyWithdrawn, 'This notice has already been withdrawn.');
      return [{ type: 'NoticeWithdrawn', data: command.data }];
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function evolve(state: NoticeState, event: NoticeEvent): NoticeState {
  switch (event.type) {
    case 'NoticePosted':
      return { status: 'posted', ...event.data };
    case 'NoticeWithdrawn':
      return state.status === 'posted' ? { ...state, status: 'withdrawn', reason: event.data.reason, withdrawnAt: event.data.withdrawnAt } : state;
    default: {
      const unreachable: never = event;
      return unreachable;
    }
  }
}

export const noticeDecider: Decider<NoticeState, NoticeCommand, NoticeEvent> = {
  initialState: () => ({ status: 'unposted' }),
  evolve,
  decide,
};
