// evolve for the lawyer registry: pure and total; an event that does not apply leaves the state as it is.
import type { LawyerRegistryEvent } from './events.js';
import type { LawyerRegistryState, RegisteredLawyer } from './state.js';

export function evolveLawyerRegistry(state: LawyerRegistryState, event: LawyerRegistryEvent): LawyerRegistryState {
  switch (event.type) {
    case 'LawyerRegistered': {
      const { districtId, lawyerId, registeredAt: _at, ...details } = event.data;
      const lawyer: RegisteredLawyer = { lawyerId, ...details, active: true, deactivatedReason: null };
      if (state.status === 'empty') return { status: 'kept', districtId, lawyers: [lawyer] };
      if (state.lawyers.some((l) => l.lawyerId === lawyerId)) return state;
      return { ...state, lawyers: [...state.lawyers, lawyer] };
    }
    case 'LawyerDetailsChanged': {
      const { lawyerId, changedAt: _at, ...details } = event.data;
      return update(state, lawyerId, (l) => ({ ...l, ...details }));
    }
    case 'LawyerDeactivated':
      return update(state, event.data.lawyerId, (l) => ({ ...l, active: false, deactivatedReason: event.data.reason }));
    default: {
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}

function update(state: LawyerRegistryState, lawyerId: string, change: (l: RegisteredLawyer) => RegisteredLawyer): LawyerRegistryState {
  if (state.status !== 'kept') return state;
  return { ...state, lawyers: state.lawyers.map((l) => (l.lawyerId === lawyerId ? change(l) : l)) };
}
