// A month's ledger opens with its first command: the opening event records whose ledger it is.
import type { LedgerContext } from '../context.js';
import type { LedgerMonthOpened } from '../events.js';
import type { LedgerMonthState } from '../state.js';

export function opening(state: LedgerMonthState, { village, month }: LedgerContext): LedgerMonthOpened[] {
  if (state.status !== 'unopened') return [];
  return [{ type: 'LedgerMonthOpened', data: { judicialOfficeId: village.judicialOfficeId, month, villageId: village.villageId } }]; // keys sorted: as placedContent says
}
