// Walk-in consultations (来访咨询) as the legal-aid service's counters record them (the contract in
// docs/reports/counting-rules.md and the lead's walk-in contract): one visit per stream, counted by
// `occurredAt` at the place it happened, with its persons (人次); voided visits no longer count.
import { fact, type Fact } from './fact.js';

export const walkInStreamCategory = 'walkInConsultation';

export interface WalkInSummary {
  readonly consultationId: string;
  readonly placeId: string;
  readonly occurredAt: string;
  readonly persons: number;
  readonly topic: string;
  readonly answer: string;
  readonly voided: boolean;
}

/** The stored events of a visit's stream, as the contract has them (schema version 1). */
export type WalkInEvent =
  | { type: 'WalkInConsultationRecorded'; data: { consultationId: string; placeId: string; districtId: string; occurredAt: string; persons: number; topic: string; answer: string; referredTo?: string; note?: string } }
  | { type: 'WalkInConsultationVoided'; data: { consultationId: string; reason: string } };

export function evolveWalkInSummary(s: WalkInSummary | null, event: WalkInEvent): WalkInSummary | null {
  switch (event.type) {
    case 'WalkInConsultationRecorded': {
      const d = event.data;
      return { consultationId: d.consultationId, placeId: d.placeId, occurredAt: d.occurredAt, persons: d.persons, topic: d.topic, answer: d.answer, voided: false };
    }
    case 'WalkInConsultationVoided':
      return s ? { ...s, voided: true } : s;
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

export function walkInFacts(s: WalkInSummary | null): Fact[] {
  if (!s || s.voided) return [];
  return [fact({ kind: 'walk_in.visit', caseKind: 'walk-in', caseId: s.consultationId, orgId: s.placeId, occurredAt: s.occurredAt, value: s.persons, dims: { topic: s.topic, answer: s.answer } })];
}
