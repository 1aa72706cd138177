// A kind of case the auditor can replay: the owning service's stream name, event registry (schemas and
// upcasters) and decider (`initialState`, `evolve`), imported through that service's package exports.
// Nothing here restates a rule: the state after each event is whatever the service's own evolve says.
import type { RecordedEvent } from '@bureau/event-store';
import type { DomainMessage, EventRegistry } from '@bureau/service-kit';

/** One event replayed: as stored, as the registry reads it today (upcast), and the state it led to. */
export interface ReplayStep {
  readonly recorded: RecordedEvent;
  /** The event as the owning service reads it (upcast to today's schema version). */
  readonly event: DomainMessage;
  /** The schema version it was stored in (1 when the envelope names none). */
  readonly storedVersion: number;
  /** The state after this event: the owning service's evolve over every event up to it. */
  readonly state: unknown;
  /** The organisations that own the case in that state (reach is checked against the last step's). */
  readonly owners: readonly string[];
}

export interface CaseKind {
  /** As it appears in URLs: work-order, legal-aid, advisor-ledger. */
  readonly kind: string;
  /** 中文 name, for the readable report. */
  readonly title: string;
  /** A case id this kind can have (checked before any read). */
  readonly caseIdPattern: RegExp;
  streamName(caseId: string): string;
  /** The state before the first event (the owning decider's initialState). */
  initialState(): unknown;
  /**
   * Replays a stream's events, in order, with the owning service's registry and evolve, from the state
   * before the first of them (the initial state by default; a kept replay's last state to go on from it).
   */
  replay(events: readonly RecordedEvent[], from?: unknown): ReplayStep[];
}

export interface CaseKindDefinition<E extends DomainMessage, S> {
  readonly kind: string;
  readonly title: string;
  readonly caseIdPattern: RegExp;
  readonly streamName: (caseId: string) => string;
  readonly registry: EventRegistry<E>;
  readonly initialState: () => S;
  readonly evolve: (state: S, event: E) => S;
  /** Owning organisations of a state; none for a state that is not yet a case. */
  readonly ownersOf: (state: S) => readonly string[];
}

const storedVersionOf = (recorded: RecordedEvent): number => {
  const v = recorded.metadata.schemaVersion;
  return typeof v === 'number' ? v : 1;
};

export function defineCaseKind<E extends DomainMessage, S>(definition: CaseKindDefinition<E, S>): CaseKind {
  return {
    kind: definition.kind,
    title: definition.title,
    caseIdPattern: definition.caseIdPattern,
    streamName: definition.streamName,
    initialState: definition.initialState,
    replay(events, from) {
      // `from` is a state this kind's own replay produced (the last step of a kept replay).
      let state = from === undefined ? definition.initialState() : (from as S);
      return events.map((recorded) => {
        const event = definition.registry.fromRecorded(recorded);
        state = definition.evolve(state, event);
        return { recorded, event, storedVersion: storedVersionOf(recorded), state, owners: definition.ownersOf(state) };
      });
    },
  };
}
