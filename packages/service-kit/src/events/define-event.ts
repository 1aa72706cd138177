// One event type's contract: the current schema, its version, and how to lift older stored data
// to it one version at a time (never rewrite stored events; upcast them when read).
import type { JsonObject } from '@bureau/event-store';
import type { z } from 'zod';

/** Lifts stored data of version N to version N+1. Keyed by N (the version it lifts FROM). */
export type Upcaster = (data: JsonObject) => JsonObject;

export interface EventDefinition<Type extends string = string, Data = unknown> {
  readonly type: Type;
  /** The version written today; stored events of lower versions are upcast when read. */
  readonly schemaVersion: number;
  readonly schema: z.ZodType<Data>;
  readonly upcasters: Readonly<Record<number, Upcaster>>;
}

export function defineEvent<Type extends string, Data>(definition: {
  readonly type: Type;
  readonly schemaVersion?: number;
  readonly schema: z.ZodType<Data>;
  readonly upcasters?: Readonly<Record<number, Upcaster>>;
}): EventDefinition<Type, Data> {
  const schemaVersion = definition.schemaVersion ?? 1;
  const upcasters = definition.upcasters ?? {};
  if (!Number.isInteger(schemaVersion) || schemaVersion < 1) {
    throw new Error(`${definition.type}: schemaVersion must be a whole number from 1`);
  }
  for (let version = 1; version < schemaVersion; version += 1) {
    if (typeof upcasters[version] !== 'function') {
      throw new Error(`${definition.type}: schemaVersion ${schemaVersion} needs an upcaster from version ${version}`);
    }
  }
  return { type: definition.type, schemaVersion, schema: definition.schema, upcasters };
}
