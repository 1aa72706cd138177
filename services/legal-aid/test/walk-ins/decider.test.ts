// Walk-in consultations (来访咨询), given / when / then on the decider: recorded once at a counter (the
// same visit again records nothing), voided when recorded in error, and the contract's rules.
import t from 'tap';
import { decideWalkIn, evolveWalkIn, initialWalkInState, WalkInRuleBroken, walkInEvents, type WalkInCommand, type WalkInEvent } from '../../src/walk-ins/index.js';

const now = new Date('2026-03-02T02:00:00Z');
const id = '6f1c7e0a-3b1d-4c55-9a57-1f0f6a1d2e01';
const station = { id: 'huadu-station-xinhua', kind: 'legal_aid_station', districtId: 'huadu' };
const record = (data: Partial<Extract<WalkInCommand, { type: 'RecordWalkInConsultation' }>['data']> = {}): WalkInCommand => ({
  type: 'RecordWalkInConsultation',
  data: { consultationId: id, place: station, occurredAt: '2026-03-02T09:30:00+08:00', persons: 2, topic: 'labour', answer: 'answered_on_the_spot', ...data },
});
const voiding = (reason = '重复登记'): WalkInCommand => ({ type: 'VoidWalkInConsultation', data: { consultationId: id, reason } });

/** The few assertions used here; tap's Test satisfies it. */
interface Assert {
  strictSame(found: unknown, wanted: unknown, message: string): boolean;
  doesNotThrow(fn: () => unknown, message: string): unknown;
  equal(found: unknown, wanted: unknown, message: string): boolean;
}

function given(...events: WalkInEvent[]) {
  const state = events.reduce(evolveWalkIn, initialWalkInState());
  return {
    when: (command: WalkInCommand) => ({
      then: (t: Assert, expected: WalkInEvent[]) => {
        const events = decideWalkIn(command, state, { now });
        t.strictSame(events, expected, 'then these events');
        // Every event the decider makes is one the registry stores.
        for (const e of events) t.doesNotThrow(() => walkInEvents.toAppend(e, { id: '00000000-0000-4000-8000-000000000000', envelope: { actor: { id: 'a', role: 'station_clerk', organisation: station.id }, correlationId: 'c', causationId: 'c', occurredAt: now.toISOString() } }), `${e.type} is storable`);
      },
      thenBroken: (t: Assert, rule: string) => {
        let broken: unknown;
        try {
          decideWalkIn(command, state, { now });
        } catch (error) {
          broken = error;
        }
        t.equal(broken instanceof WalkInRuleBroken ? broken.rule : String(broken), rule, `breaks ${rule}`);
      },
    }),
  };
}

const recorded: WalkInEvent = {
  type: 'WalkInConsultationRecorded',
  data: { consultationId: id, placeId: station.id, districtId: 'huadu', occurredAt: '2026-03-02T01:30:00.000Z', persons: 2, topic: 'labour', answer: 'answered_on_the_spot' },
};

t.test('a visit is recorded with its place\'s district, the time as an instant, and no personal data', async (t) => {
  given().when(record()).then(t, [recorded]);
});

t.test('the same visit sent again records nothing; a different one under the same id is refused', async (t) => {
  given(recorded).when(record()).then(t, []);
  given(recorded).when(record({ persons: 3 })).thenBroken(t, 'already_recorded');
});

t.test('a referral to another authority names it, and only then', async (t) => {
  given().when(record({ answer: 'referred_to_other_authority', referredTo: ' 区人力资源和社会保障局 ' })).then(t, [{
    type: 'WalkInConsultationRecorded', data: { ...recorded.data, answer: 'referred_to_other_authority', referredTo: '区人力资源和社会保障局' },
  }]);
  given().when(record({ answer: 'referred_to_other_authority' })).thenBroken(t, 'referred_to_required');
  given().when(record({ answer: 'referred_to_other_authority', referredTo: '  ' })).thenBroken(t, 'referred_to_required');
  given().when(record({ answer: 'referred_to_mediation', referredTo: '人民调解委员会' })).thenBroken(t, 'referred_to_not_allowed');
});

t.test('the place must be a counter that receives walk-ins, in a district', async (t) => {
  for (const kind of ['public_legal_service_centre', 'village']) {
    given().when(record({ place: { id: 'p', kind, districtId: 'huadu' } })).then(t, [{ type: 'WalkInConsultationRecorded', data: { ...recorded.data, placeId: 'p' } }]);
  }
  given().when(record({ place: { id: 'huadu-bureau', kind: 'justice_bureau', districtId: 'huadu' } })).thenBroken(t, 'not_a_walk_in_place');
  given().when(record({ place: { id: 'gz-station', kind: 'legal_aid_station', districtId: null } })).thenBroken(t, 'place_without_district');
});

t.test('persons 1 to 50, a real time not in the future, texts within their limits', async (t) => {
  given().when(record({ persons: 0 })).thenBroken(t, 'persons_out_of_range');
  given().when(record({ persons: 51 })).thenBroken(t, 'persons_out_of_range');
  given().when(record({ persons: 1.5 })).thenBroken(t, 'persons_out_of_range');
  given().when(record({ persons: 50 })).then(t, [{ type: 'WalkInConsultationRecorded', data: { ...recorded.data, persons: 50 } }]);
  given().when(record({ occurredAt: 'yesterday' })).thenBroken(t, 'invalid_time');
  given().when(record({ occurredAt: '2026-03-02T10:00:01+08:00' })).thenBroken(t, 'visit_in_future');
  given().when(record({ note: 'x'.repeat(501) })).thenBroken(t, 'text_too_long');
  given().when(record({ note: '  ' })).then(t, [recorded]);
});

t.test('void: a recorded visit once (again changes nothing), with a reason; an unknown one is not found', async (t) => {
  const voided: WalkInEvent = { type: 'WalkInConsultationVoided', data: { consultationId: id, reason: '重复登记' } };
  given(recorded).when(voiding()).then(t, [voided]);
  given(recorded, voided).when(voiding()).then(t, []);
  given(recorded).when(voiding('   ')).thenBroken(t, 'reason_required');
  given().when(voiding()).thenBroken(t, 'not_found');
  given(recorded, voided).when(record()).thenBroken(t, 'voided');
});

t.test('evolve is total: a void without a record leaves the state as it was', async (t) => {
  t.strictSame(evolveWalkIn(initialWalkInState(), { type: 'WalkInConsultationVoided', data: { consultationId: id, reason: 'x' } }), { status: 'none' });
});
