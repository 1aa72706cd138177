// decide for one village's month of ledger: (command, state, context) -> events, or AdvisorRuleBroken.
// Pure: `context` brings the moment, the limits, the village's ownership and its appointments.
// An empty result means "already done": the service appends nothing and answers as for a duplicate.
import { AdvisorRuleBroken } from '../errors.js';
import type { LedgerCommand } from './commands.js';
import type { LedgerContext } from './context.js';
import { correctEntry, logService, voidEntry } from './decide/entries.js';
import { approveMonth, excuseShortfall, reopenMonth, returnEntry, startMonthReview } from './decide/review.js';
import { judgeOnSiteMinimum } from './decide/judgement.js';
import type { LedgerEvent } from './events.js';
import type { LedgerMonthState } from './state.js';

export function decideLedger(command: LedgerCommand, state: LedgerMonthState, context: LedgerContext): LedgerEvent[] {
  // The service picked the stream from the village and month; a mismatch is a wiring error, refused.
  if (state.status !== 'unopened') {
    if (state.villageId !== context.village.villageId) throw new AdvisorRuleBroken('wrong_village');
    if (state.month !== context.month) throw new AdvisorRuleBroken('wrong_month');
  }
  switch (command.type) {
    case 'LogService':
      return logService(command, state, context);
    case 'CorrectEntry':
      return correctEntry(command, state, context);
    case 'VoidEntry':
      return voidEntry(command, state, context);
    case 'StartMonthReview':
      return startMonthReview(command, state, context);
    case 'ReturnEntry':
      return returnEntry(command, state, context);
    case 'ApproveMonth':
      return approveMonth(command, state, context);
    case 'ReopenMonth':
      return reopenMonth(command, state, context);
    case 'ExcuseShortfall':
      return excuseShortfall(command, state, context);
    case 'JudgeOnSiteMinimum':
      return judgeOnSiteMinimum(command, state, context);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}
