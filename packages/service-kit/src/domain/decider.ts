// The shape of a stream's logic (after emmett): pure functions, no I/O, no clock.

/** An event or command as the domain sees it: a literal `type` and its `data`. */
export interface DomainMessage<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface Decider<State, Command, Event extends DomainMessage> {
  initialState(): State;
  /** Total: returns the state unchanged for events it ignores. */
  evolve(state: State, event: Event): State;
  /** Returns the events the command causes, or throws a DomainRuleError. */
  decide(command: Command, state: State): readonly Event[];
}

/** Folds events over a decider's initial state; handy in given/when/then tests. */
export function foldEvents<State, Event extends DomainMessage>(
  decider: Pick<Decider<State, never, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce((state, event) => decider.evolve(state, event), decider.initialState());
}
