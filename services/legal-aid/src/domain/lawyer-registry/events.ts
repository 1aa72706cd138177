// Events of a district's lawyer registry, past tense. Plain JSON. Who did it is in the envelope.
import type { IsoInstant } from '../vocabulary.js';
import type { LawyerDetails } from './commands.js';

type Event<Type extends string, Data> = { type: Type; data: Data };

export type LawyerRegistered = Event<'LawyerRegistered', { districtId: string; lawyerId: string; registeredAt: IsoInstant } & LawyerDetails>;
export type LawyerDetailsChanged = Event<'LawyerDetailsChanged', { lawyerId: string; changedAt: IsoInstant } & LawyerDetails>;
export type LawyerDeactivated = Event<'LawyerDeactivated', { lawyerId: string; reason: string; deactivatedAt: IsoInstant }>;

export type LawyerRegistryEvent = LawyerRegistered | LawyerDetailsChanged | LawyerDeactivated;
