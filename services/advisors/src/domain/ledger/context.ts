// What a ledger decision receives besides the command and state. The service reads the village's
// ownership from the organisation registry and its appointments from the appointments stream.
import type { Appointment } from '../appointments/state.js';
import type { AdvisorLimits } from '../rules.js';
import type { LedgerMonth, VillageOwnership } from '../vocabulary.js';

export interface LedgerContext {
  /** The moment of the decision; nothing here reads a clock. */
  readonly now: Date;
  readonly limits: AdvisorLimits;
  /** The stream's village and its judicial office (recorded when the month's ledger opens). */
  readonly village: VillageOwnership;
  /** The stream's month (Beijing time), from its name. */
  readonly month: LedgerMonth;
  /** The village's appointments, for advisor_not_appointed. */
  readonly appointments: readonly Appointment[];
}
