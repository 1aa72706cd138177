// A walk-in consultation (来访咨询) as a decider: recorded once at a counter, voided when recorded in
// error. Pure: the place arrives resolved from the registry and the time as `now`.
import { DomainRuleError } from '@bureau/service-kit/domain-error';
import {
  MAX_NOTE_LENGTH,
  MAX_PERSONS_PER_VISIT,
  MAX_REFERRED_TO_LENGTH,
  MAX_VOID_REASON_LENGTH,
  walkInPlaceKinds,
  type WalkInAnswer,
  type WalkInTopic,
} from './vocabulary.js';

export interface WalkInConsultation {
  readonly consultationId: string;
  readonly placeId: string;
  readonly districtId: string;
  /** ISO instant of the visit: figures count by it, not by when it was recorded. */
  readonly occurredAt: string;
  readonly persons: number;
  readonly topic: WalkInTopic;
  readonly answer: WalkInAnswer;
  readonly referredTo?: string;
  readonly note?: string;
}

export type WalkInEvent =
  | { readonly type: 'WalkInConsultationRecorded'; readonly data: WalkInConsultation }
  | { readonly type: 'WalkInConsultationVoided'; readonly data: { readonly consultationId: string; readonly reason: string } };

/** The place as the registry knows it (kind and district), resolved by the caller. */
export interface WalkInPlace {
  readonly id: string;
  readonly kind: string;
  readonly districtId: string | null;
}

export type WalkInCommand =
  | {
      readonly type: 'RecordWalkInConsultation';
      readonly data: Omit<WalkInConsultation, 'placeId' | 'districtId'> & { readonly place: WalkInPlace };
    }
  | { readonly type: 'VoidWalkInConsultation'; readonly data: { readonly consultationId: string; readonly reason: string } };

export type WalkInState =
  | { readonly status: 'none' }
  | { readonly status: 'recorded'; readonly visit: WalkInConsultation }
  | { readonly status: 'voided'; readonly visit: WalkInConsultation; readonly reason: string };

const details = {
  not_found: '没有该来访咨询记录 / there is no such walk-in consultation',
  not_a_walk_in_place: '来访咨询只在公共法律服务中心、法律援助工作站或村（社区）法律服务室登记 / walk-ins are recorded at a centre, a legal-aid station or a village room',
  place_without_district: '该场所不属于任何区 / the place belongs to no district',
  persons_out_of_range: `人数须为 1 至 ${MAX_PERSONS_PER_VISIT} 的整数 / persons must be a whole number from 1 to ${MAX_PERSONS_PER_VISIT}`,
  invalid_time: '来访时间无效 / the time of the visit is not a valid instant',
  visit_in_future: '来访时间不能晚于现在 / the visit cannot lie in the future',
  referred_to_required: '转其他部门的须写明转往何处 / a referral to another authority names it',
  referred_to_not_allowed: '只有转其他部门的才写转往何处 / only a referral to another authority names one',
  text_too_long: '文字过长 / the text is too long',
  reason_required: '作废须说明理由 / voiding needs a reason',
  already_recorded: '该来访咨询已登记，内容不同 / this consultation is already recorded, differently',
  voided: '该来访咨询已作废 / this consultation was voided',
} as const;
export type WalkInRule = keyof typeof details;

/** A command broke a walk-in rule: the kit answers 422 with `rule`. Never carries personal data. */
export class WalkInRuleBroken extends DomainRuleError {
  constructor(override readonly rule: WalkInRule) {
    super(rule, details[rule]);
  }
}

export const initialWalkInState = (): WalkInState => ({ status: 'none' });

export function evolveWalkIn(state: WalkInState, event: WalkInEvent): WalkInState {
  switch (event.type) {
    case 'WalkInConsultationRecorded':
      return { status: 'recorded', visit: event.data };
    case 'WalkInConsultationVoided':
      return state.status === 'recorded' ? { status: 'voided', visit: state.visit, reason: event.data.reason } : state;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export interface WalkInDecideContext {
  readonly now: Date;
}

export function decideWalkIn(command: WalkInCommand, state: WalkInState, { now }: WalkInDecideContext): WalkInEvent[] {
  switch (command.type) {
    case 'RecordWalkInConsultation':
      return record(command.data, state, now);
    case 'VoidWalkInConsultation':
      return voidVisit(command.data, state);
    default: {
      const unknown: never = command;
      return unknown;
    }
  }
}

function record(data: Extract<WalkInCommand, { type: 'RecordWalkInConsultation' }>['data'], state: WalkInState, now: Date): WalkInEvent[] {
  const { place, ...rest } = data;
  if (!(walkInPlaceKinds as readonly string[]).includes(place.kind)) throw new WalkInRuleBroken('not_a_walk_in_place');
  if (place.districtId === null) throw new WalkInRuleBroken('place_without_district');
  if (!Number.isInteger(data.persons) || data.persons < 1 || data.persons > MAX_PERSONS_PER_VISIT) throw new WalkInRuleBroken('persons_out_of_range');
  const at = new Date(data.occurredAt);
  if (Number.isNaN(at.getTime())) throw new WalkInRuleBroken('invalid_time');
  if (at.getTime() > now.getTime()) throw new WalkInRuleBroken('visit_in_future');
  const referred = data.answer === 'referred_to_other_authority';
  const referredTo = data.referredTo?.trim();
  if (referred && !referredTo) throw new WalkInRuleBroken('referred_to_required');
  if (!referred && data.referredTo !== undefined) throw new WalkInRuleBroken('referred_to_not_allowed');
  if ((referredTo?.length ?? 0) > MAX_REFERRED_TO_LENGTH || (data.note?.length ?? 0) > MAX_NOTE_LENGTH) throw new WalkInRuleBroken('text_too_long');
  const visit: WalkInConsultation = {
    consultationId: rest.consultationId,
    placeId: place.id,
    districtId: place.districtId,
    occurredAt: at.toISOString(),
    persons: rest.persons,
    topic: rest.topic,
    answer: rest.answer,
    ...(referredTo ? { referredTo } : {}),
    ...(rest.note !== undefined && rest.note.trim() !== '' ? { note: rest.note.trim() } : {}),
  };
  switch (state.status) {
    case 'none':
      return [{ type: 'WalkInConsultationRecorded', data: visit }];
    case 'recorded':
      // The same visit sent again (a retry with a fresh commandId): nothing new.
      if (sameVisit(state.visit, visit)) return [];
      throw new WalkInRuleBroken('already_recorded');
    case 'voided':
      throw new WalkInRuleBroken('voided');
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

function voidVisit(data: { readonly consultationId: string; readonly reason: string }, state: WalkInState): WalkInEvent[] {
  const reason = data.reason.trim();
  if (reason === '') throw new WalkInRuleBroken('reason_required');
  if (reason.length > MAX_VOID_REASON_LENGTH) throw new WalkInRuleBroken('text_too_long');
  switch (state.status) {
    case 'none':
      throw new WalkInRuleBroken('not_found');
    case 'recorded':
      return [{ type: 'WalkInConsultationVoided', data: { consultationId: state.visit.consultationId, reason } }];
    case 'voided':
      // Voided already: voiding again changes nothing.
      return [];
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}

function sameVisit(a: WalkInConsultation, b: WalkInConsultation): boolean {
  return a.placeId === b.placeId && a.occurredAt === b.occurredAt && a.persons === b.persons && a.topic === b.topic
    && a.answer === b.answer && a.referredTo === b.referredTo && a.note === b.note;
}

/** The decider in the kit's shape, bound to the moment. */
export function walkInDecider(now: Date) {
  return {
    initialState: initialWalkInState,
    evolve: evolveWalkIn,
    decide: (command: WalkInCommand, state: WalkInState) => decideWalkIn(command, state, { now }),
  };
}
