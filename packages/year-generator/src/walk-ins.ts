// A district's walk-in consultations (来访咨询) at its centre, its legal-aid stations and its villages'
// legal service rooms, recorded by the legal-aid service's walk-in decider: mostly one person a visit,
// sometimes two or three; mostly answered on the spot.
import type { Actor } from '@bureau/event-store';
import { decideWalkIn, evolveWalkIn, initialWalkInState, walkInEvents, walkInStreamName, type WalkInAnswer, type WalkInEvent, type WalkInState, type WalkInTopic } from '@bureau/legal-aid/walk-ins';
import type { DistrictPlan } from './organisations.js';
import type { Random } from './random.js';
import { minutes, spread, timeOn, type Day } from './seasonality.js';
import { commandIdOf, StreamBuilder } from './writer.js';

export interface WalkInCounts {
  visits: number;
  /** 人次. */
  persons: number;
  byTopic: Partial<Record<WalkInTopic, number>>;
  byAnswer: Partial<Record<WalkInAnswer, number>>;
}

export const emptyWalkInCounts = (): WalkInCounts => ({ visits: 0, persons: 0, byTopic: {}, byAnswer: {} });

const TOPICS: Record<WalkInTopic, number> = {
  marriage_family: 22, labour: 24, contract_debt: 14, property_housing: 10, neighbour_land: 8, personal_injury: 7, consumer: 5,
  criminal: 3, administrative: 2, other: 5,
};

export function walkInsYear(input: {
  readonly seed: string; readonly random: Random; readonly days: readonly Day[]; readonly year: number;
  readonly district: DistrictPlan; readonly persons: number; readonly counts: WalkInCounts;
}): StreamBuilder<WalkInState, WalkInEvent>[] {
  const { random, district, counts } = input;
  // Visits, not persons, are spread: 1.2 persons a visit on average.
  const dates = spread(input.days, Math.max(1, Math.round(input.persons / 1.2)), 0.05);
  const villages = district.townships.flatMap((t) => t.villages.map((v) => v.id));
  return dates.map((date, index) => {
    const consultationId = commandIdOf(input.seed, `${district.id}:${input.year}:walk-in:${index}`);
    const where = random.weighted({ centre: 45, station: 40, village: 15 });
    const place = where === 'centre'
      ? { id: district.centreId, kind: 'public_legal_service_centre', actor: { id: `${district.centreId}-staff-${random.int(1, 4)}`, role: 'centre_staff', organisation: district.centreId } }
      : where === 'station' || villages.length === 0
        ? (() => { const id = random.pick(district.stationIds); return { id, kind: 'legal_aid_station', actor: { id: `${id}-station_clerk-1`, role: 'station_clerk', organisation: id } }; })()
        : { id: random.pick(villages), kind: 'village', actor: { id: `${district.officeId}-legal_aid_reviewer-1`, role: 'legal_aid_reviewer', organisation: district.officeId } };
    const occurredAt = timeOn(random, date, '09:00', '17:30');
    const persons = random.weighted({ one: 84, two: 12, three: 4 }) === 'one' ? 1 : random.chance(0.75) ? 2 : 3;
    const topic = random.weighted(TOPICS);
    const answer = random.weighted({ answered_on_the_spot: 78, referred_to_legal_aid: 10, referred_to_mediation: 7, referred_to_other_authority: 5 });
    const visit = new StreamBuilder<WalkInState, WalkInEvent>(walkInStreamName(consultationId), walkInEvents, evolveWalkIn, initialWalkInState());
    const recordedAt = minutes(occurredAt, random.int(5, 40));
    const actor: Actor = place.actor;
    visit.run(consultationId, actor, recordedAt, (state) => decideWalkIn({
      type: 'RecordWalkInConsultation',
      data: {
        consultationId, place: { id: place.id, kind: place.kind, districtId: district.id }, occurredAt: occurredAt.toISOString(), persons, topic, answer,
        ...(answer === 'referred_to_other_authority' ? { referredTo: random.pick(['区人力资源和社会保障局', '区市场监督管理局', '区信访局', '辖区派出所']) } : {}),
      },
    }, state, { now: recordedAt }));
    counts.visits += 1;
    counts.persons += persons;
    counts.byTopic[topic] = (counts.byTopic[topic] ?? 0) + persons;
    counts.byAnswer[answer] = (counts.byAnswer[answer] ?? 0) + persons;
    return visit;
  });
}
