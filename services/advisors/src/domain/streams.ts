// Stream names. The event store's category is the part before the first '-', so prefixes have none.
import type { LedgerMonth } from './vocabulary.js';

/** One register per district: a licence number is unique within it. */
export const advisorRegisterCategory = 'advisorRegister';
/** One stream per village: its appointments never overlap. */
export const advisorAppointmentsCategory = 'advisorAppointments';
/** One stream per village and calendar month (Beijing time): the ledger and its review together. */
export const advisorLedgerCategory = 'advisorLedger';

export const advisorRegisterStreamName = (districtId: string) => `${advisorRegisterCategory}-${districtId}`;
export const advisorAppointmentsStreamName = (villageId: string) => `${advisorAppointmentsCategory}-${villageId}`;
export const advisorLedgerStreamName = (villageId: string, month: LedgerMonth) => `${advisorLedgerCategory}-${villageId}_${month}`;
