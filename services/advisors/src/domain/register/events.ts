// Events of a district's register of advisors, past tense. Plain JSON. Who did it is in the envelope.
import type { IsoInstant } from '../vocabulary.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

export type AdvisorRegistered = Event<
  'AdvisorRegistered',
  { districtId: string; advisorId: string; name: string; firm: string; licenceNumber: string; phone: string; registeredAt: IsoInstant }
>;

export type AdvisorDetailsChanged = Event<
  'AdvisorDetailsChanged',
  { advisorId: string; name: string; firm: string; licenceNumber: string; phone: string; changedAt: IsoInstant }
>;

export type AdvisorRemoved = Event<'AdvisorRemoved', { advisorId: string; reason: string; removedAt: IsoInstant }>;

export type RegisterEvent = AdvisorRegistered | AdvisorDetailsChanged | AdvisorRemoved;
