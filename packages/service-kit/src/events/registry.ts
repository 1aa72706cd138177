// The registry of a stream's event types: validates data before it is appended (and stamps its
// schema version in the envelope), and upcasts stored events to today's version when read.
import { envelopeMetadata, type EventEnvelope, type EventToAppend, type JsonObject, type RecordedEvent } from '@bureau/event-store';
import type { z } from 'zod';
import type { DomainMessage } from '../domain/decider.js';
import type { EventDefinition } from './define-event.js';
import { InvalidEventDataError, UnknownEventTypeError, UnreadableEventError } from './errors.js';
import { isJsonObject } from './json.js';

/** One definition per event type of the union, each producing exactly that type's data. */
export type DefinitionsFor<E extends DomainMessage> = {
  readonly [T in E['type']]: EventDefinition<T, Extract<E, { readonly type: T }>['data']>;
};

export interface AppendContext {
  readonly id: string;
  readonly envelope: Omit<EventEnvelope, 'schemaVersion'>;
  readonly extraMetadata?: JsonObject;
}

export interface EventRegistry<E extends DomainMessage> {
  /** Throws InvalidEventDataError (nothing is appended) when the data breaks the type's schema. */
  toAppend(event: E, context: AppendContext): EventToAppend;
  /** Upcasts step by step to the current version and validates; throws UnreadableEventError. */
  fromRecorded(recorded: RecordedEvent): E;
  schemaVersionOf(type: E['type']): number;
}

const fieldErrorsOf = (error: z.ZodError) =>
  error.issues.map((issue) => ({ field: issue.path.map(String).join('.') || '(data)', rule: issue.code, message: issue.message }));

export function createEventRegistry<E extends DomainMessage>(definitions: DefinitionsFor<E>): EventRegistry<E> {
  const byType = new Map<string, EventDefinition<string, unknown>>();
  for (const [key, definition] of Object.entries<EventDefinition<string, unknown>>(definitions)) {
    if (key !== definition.type) throw new Error(`event registry: key ${key} holds the definition of ${definition.type}`);
    byType.set(key, definition);
  }
  const definitionOf = (type: string) => {
    const definition = byType.get(type);
    if (!definition) throw new UnknownEventTypeError(type);
    return definition;
  };
  // The data passed its type's schema, so the message is that member of E.
  const isEvent = (message: DomainMessage): message is E => byType.has(message.type);

  return {
    toAppend(event, { id, envelope, extraMetadata }) {
      const definition = definitionOf(event.type);
      const parsed = definition.schema.safeParse(event.data);
      if (!parsed.success) throw new InvalidEventDataError(event.type, fieldErrorsOf(parsed.error));
      if (!isJsonObject(parsed.data)) {
        throw new InvalidEventDataError(event.type, [{ field: '(data)', rule: 'json_object', message: 'must be a plain JSON object' }]);
      }
      const metadata = envelopeMetadata({ ...envelope, schemaVersion: definition.schemaVersion }, extraMetadata);
      return { id, type: event.type, data: parsed.data, metadata };
    },

    fromRecorded(recorded) {
      const unreadable = (reason: string) => new UnreadableEventError(recorded.type, recorded.id, reason);
      const definition = byType.get(recorded.type);
      if (!definition) throw unreadable('unknown event type');
      const stamped = recorded.metadata.schemaVersion;
      // Events written before versions were stamped are version 1.
      const version = typeof stamped === 'number' ? stamped : 1;
      if (!Number.isInteger(version) || version < 1 || version > definition.schemaVersion) {
        throw unreadable(`schema version ${version} is not readable (this service knows 1 to ${definition.schemaVersion})`);
      }
      if (!isJsonObject(recorded.data)) throw unreadable('data is not a JSON object');
      let data: JsonObject = recorded.data;
      for (let v = version; v < definition.schemaVersion; v += 1) {
        const upcast = definition.upcasters[v];
        if (!upcast) throw unreadable(`no upcaster from version ${v}`);
        data = upcast(data);
      }
      const parsed = definition.schema.safeParse(data);
      if (!parsed.success) throw unreadable(`data does not match version ${definition.schemaVersion}: ${fieldErrorsOf(parsed.error).map((e) => e.field).join(', ')}`);
      const event = { type: recorded.type, data: parsed.data };
      if (!isEvent(event)) throw unreadable('unknown event type');
      return event;
    },

    schemaVersionOf(type) {
      return definitionOf(type).schemaVersion;
    },
  };
}
