// Commands to a village's appointments (聘任), kept by an administrator. Imperative.
import type { LocalDate } from '../vocabulary.js';

type Command<Type extends string, Data> = { readonly type: Type; readonly data: Readonly<Data> };

/** 聘任: the advisor serves the village from `from` to `to` (the contract period, both days included). */
export type AppointAdvisor = Command<
  'AppointAdvisor',
  { appointmentId: string; advisorId: string; villageId: string; from: LocalDate; to: LocalDate }
>;

/** 解聘 / 更换: the appointment ends early, `endsOn` being its last day (a village changing advisor mid-year). */
export type EndAppointment = Command<
  'EndAppointment',
  { appointmentId: string; villageId: string; endsOn: LocalDate; reason: string }
>;

export type AppointmentCommand = AppointAdvisor | EndAppointment;
