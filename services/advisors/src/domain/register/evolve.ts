// evolve for the register: pure and total; an event that does not apply leaves the state as it is.
import type { RegisterEvent } from './events.js';
import type { RegisteredAdvisor, RegisterState } from './state.js';

export function evolveRegister(state: RegisterState, event: RegisterEvent): RegisterState {
  switch (event.type) {
    case 'AdvisorRegistered': {
      const { districtId, advisorId, name, firm, licenceNumber, phone } = event.data;
      const advisor: RegisteredAdvisor = { advisorId, name, firm, licenceNumber, phone, status: 'active', removedReason: null };
      if (state.status === 'empty') return { status: 'kept', districtId, advisors: [advisor] };
      if (state.advisors.some((a) => a.advisorId === advisorId)) return state;
      return { ...state, advisors: [...state.advisors, advisor] };
    }
    case 'AdvisorDetailsChanged': {
      const { advisorId, name, firm, licenceNumber, phone } = event.data;
      return update(state, advisorId, (a) => ({ ...a, name, firm, licenceNumber, phone }));
    }
    case 'AdvisorRemoved':
      return update(state, event.data.advisorId, (a) => ({ ...a, status: 'removed', removedReason: event.data.reason }));
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

function update(state: RegisterState, advisorId: string, change: (a: RegisteredAdvisor) => RegisteredAdvisor): RegisterState {
  if (state.status !== 'kept') return state;
  return { ...state, advisors: state.advisors.map((a) => (a.advisorId === advisorId ? change(a) : a)) };
}

export function foldRegister(events: Iterable<RegisterEvent>, from: RegisterState = { status: 'empty' }): RegisterState {
  let state = from;
  for (const event of events) state = evolveRegister(state, event);
  return state;
}
