// The advisors' event registries: zod schemas, version 1 of every type.
export { advisorRegisterEvents } from './register-events.js';
export { villageAppointmentEvents } from './appointment-events.js';
export { advisorLedgerEvents } from './ledger-events.js';
export { ledgerImportEvents } from './import-events.js';
export { checkedLedgerEvents, ledgerEventChecks, takesFastPath, withFastChecks } from './fast-path.js';
