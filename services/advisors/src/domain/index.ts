// The village and community legal advisors' domain core (村(社区)法律顾问): three deciders (the register,
// a village's appointments, a village-month's ledger with its review) and the on-site minimum. See README.md.
export * from './vocabulary.js';
export * from './month.js';
export * from './rules.js';
export { AdvisorRuleBroken, ruleDetail, type AdvisorRule } from './errors.js';
export { normalisedPhone } from './phone.js';
export * from './streams.js';

export type * from './register/commands.js';
export type * from './register/events.js';
export { initialRegisterState, advisorIn, type RegisterState, type RegisteredAdvisor } from './register/state.js';
export { evolveRegister, foldRegister } from './register/evolve.js';
export { decideRegister, type RegisterContext } from './register/decide.js';

export type * from './appointments/commands.js';
export type * from './appointments/events.js';
export { initialAppointmentsState, lastDayOf as lastDayOfAppointment, type Appointment, type AppointmentsState } from './appointments/state.js';
export { evolveAppointments, foldAppointments } from './appointments/evolve.js';
export { decideAppointments, type AppointmentsContext } from './appointments/decide.js';
export { appointedOn } from './appointments/appointed-on.js';

export type * from './ledger/commands.js';
export type * from './ledger/events.js';
export type * from './ledger/state.js';
export type { LedgerContext } from './ledger/context.js';
export { initialLedgerState, entryIn, standingEntries } from './ledger/state.js';
export { evolveLedger, foldLedger } from './ledger/evolve.js';
export { decideLedger } from './ledger/decide.js';
export { onSiteCheck, type OnSiteCheck, type AdvisorShare } from './on-site-minimum.js';

import { decideAppointments } from './appointments/decide.js';
import { evolveAppointments } from './appointments/evolve.js';
import { initialAppointmentsState } from './appointments/state.js';
import { decideLedger } from './ledger/decide.js';
import { evolveLedger } from './ledger/evolve.js';
import { initialLedgerState } from './ledger/state.js';
import { decideRegister } from './register/decide.js';
import { evolveRegister } from './register/evolve.js';
import { initialRegisterState } from './register/state.js';

/** Each decider as one value, for a generic command handler (bind `decide` to its context first). */
export const advisorRegisterDecider = { initialState: initialRegisterState, evolve: evolveRegister, decide: decideRegister } as const;
export const villageAppointmentsDecider = { initialState: initialAppointmentsState, evolve: evolveAppointments, decide: decideAppointments } as const;
export const advisorLedgerDecider = { initialState: initialLedgerState, evolve: evolveLedger, decide: decideLedger } as const;

export * from './imports/imports.js';
