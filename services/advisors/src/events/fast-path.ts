// The import's events checked by hand before they are appended, beside the registries' zod schemas. An
// import appends a province's month at once (100,000 ServiceLogged), and zod's parse, which returns a deep copy of each event, was an eighth of what the import
// allocated while writing. A check here only ever says "valid, and exactly what the schema would give
// back" (a plain object with the schema's keys and no others, every value of the schema's type, rebuilt
// in the store's canonical key order); for anything else it says no and the registry's own toAppend runs, with zod's verdict and zod's errors.
// Leaves with subtle rules (ISO dates and instants) are zod's own schemas, remembered per distinct text.
import { envelopeMetadata, type JsonObject } from '@bureau/event-store';
import type { EventRegistry } from '@bureau/service-kit';
import type { DomainMessage } from '@bureau/service-kit/domain';
import type { z } from 'zod';
import { reviewSubjects, serviceModes, serviceTypes } from '../domain/index.js';
import { advisorLedgerEvents } from './ledger-events.js';
import { clockTime, instant, ledgerMonth, localDate } from './schemas.js';

/**
 * A value's check: the value itself as the store should get it (objects rebuilt with their keys in sorted
 * order), or NO. Sorted keys are the store's canonical form (canonicalJson), which it then writes with
 * the native JSON.stringify instead of walking and sorting every object of every event.
 */
type Check = (value: unknown) => unknown;
const NO: unique symbol = Symbol('not for the fast path');

/** A leaf schema's verdict, remembered per text (an import has a few dozen dates and one instant). */
function remembered(schema: z.ZodType<string>): Check {
  const verdicts = new Map<string, boolean>();
  return (value) => {
    if (typeof value !== 'string') return NO;
    let ok = verdicts.get(value);
    if (ok === undefined) {
      ok = schema.safeParse(value).success;
      if (verdicts.size >= 10_000) verdicts.clear();
      verdicts.set(value, ok);
    }
    return ok ? value : NO;
  };
}

const isPlain = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Exactly these keys, each passing its check (zod would drop any other key: then it is zod's to say).
 * An object already in canonical order whose values all pass unchanged is given back as it is (the
 * import's deciders build their events so): copying 100,000 events only to order their keys was a good
 * part of what the import allocated while writing.
 */
function exactObject(fields: Record<string, Check>): Check {
  const keys = Object.keys(fields).sort();
  const checks = keys.map((key) => fields[key] as Check);
  return (value) => {
    if (!isPlain(value)) return NO;
    let count = 0;
    let inOrder = true;
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (keys[count] !== key) inOrder = false;
      count += 1;
    }
    if (count !== keys.length) return NO;
    const checked = new Array<unknown>(keys.length);
    let unchanged = inOrder;
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      if (!Object.hasOwn(value, key)) return NO;
      const result = (checks[i] as Check)(value[key]);
      if (result === NO) return NO;
      if (result !== value[key]) unchanged = false;
      checked[i] = result;
    }
    if (unchanged) return value;
    const copy: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i += 1) copy[keys[i] as string] = checked[i];
    return copy;
  };
}

const nullable = (check: Check): Check => (value) => (value === null ? null : check(value));
/** An array whose elements all pass unchanged is given back as it is; otherwise a copy of what they gave. */
const arrayOf = (check: Check): Check => (value) => {
  if (!Array.isArray(value)) return NO;
  let copy: unknown[] | undefined;
  for (let i = 0; i < value.length; i += 1) {
    if (!(i in value)) return NO;
    const checked = check(value[i]);
    if (checked === NO) return NO;
    if (checked !== value[i] && copy === undefined) copy = value.slice(0, i);
    copy?.push(checked);
  }
  return copy ?? value;
};
const when = (test: (value: unknown) => boolean): Check => (value) => (test(value) ? value : NO);
const oneOf = (values: readonly string[]) => when((value) => typeof value === 'string' && values.includes(value));
const text = when((value) => typeof value === 'string');
const id = when((value) => typeof value === 'string' && value.length >= 1);
const integer = (min: number, max = Number.MAX_SAFE_INTEGER) => when((value) => Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max);
const matching = (pattern: RegExp) => when((value) => typeof value === 'string' && pattern.test(value));

const isInstant = remembered(instant);
const isLocalDate = remembered(localDate);
const isLedgerMonth = remembered(ledgerMonth);
const isClockTime = remembered(clockTime);
const personServed = exactObject({ name: id, phone: nullable(text) });
const evidenceReference = exactObject({ sha256: matching(/^[0-9a-f]{64}$/), sizeBytes: integer(1), mediaType: nullable(text) });

/** What a service is, in the fields entryContent and the accepted rows share. */
const serviceFields = {
  advisorId: id, date: isLocalDate, startTime: nullable(isClockTime), type: oneOf(serviceTypes), reviewSubject: nullable(oneOf(reviewSubjects)),
  durationMinutes: integer(1, 1440), mode: oneOf(serviceModes), personsServed: arrayOf(personServed), summary: id,
  evidence: arrayOf(evidenceReference), legalAidApplicationId: nullable(id),
};

/** ledger-events.ts: LedgerMonthOpened and ServiceLogged, the events an import appends to a ledger. */
export const ledgerEventChecks: Record<string, Check> = {
  LedgerMonthOpened: exactObject({ villageId: id, judicialOfficeId: id, month: isLedgerMonth }),
  ServiceLogged: exactObject({ entryId: id, content: exactObject({ ...serviceFields, appointmentId: id }), loggedAt: isInstant }),
};

/** Whether the checks take this data (for tests). */
export const takesFastPath = (checks: Record<string, Check>, type: string, data: unknown) => checks[type] !== undefined && (checks[type] as Check)(data) !== NO;

/** The envelope in sorted key order, as canonicalJson would write it. */
function sortedMetadata(metadata: JsonObject): JsonObject {
  const sorted: JsonObject = {};
  for (const key of Object.keys(metadata).sort()) {
    const value = metadata[key];
    sorted[key] = isPlain(value) && !Array.isArray(value) ? sortedMetadata(value as JsonObject) : (value as JsonObject[string]);
  }
  return sorted;
}

/** The registry with the checks in front: an event they pass is appended as given, any other goes to zod. */
export function withFastChecks<E extends DomainMessage>(registry: EventRegistry<E>, checks: Record<string, Check>): EventRegistry<E> {
  // One append's events share their envelope and extra metadata (appendDecided builds them once per
  // append): their metadata is built once per schema version and shared, not once per event.
  let last: { envelope: unknown; extra: unknown; byVersion: Map<number, JsonObject> } | undefined;
  return {
    ...registry,
    toAppend(event, context) {
      const check = checks[event.type];
      const data = check === undefined ? NO : check(event.data);
      if (data === NO) return registry.toAppend(event, context);
      const schemaVersion = registry.schemaVersionOf(event.type);
      if (last === undefined || last.envelope !== context.envelope || last.extra !== context.extraMetadata) {
        last = { envelope: context.envelope, extra: context.extraMetadata, byVersion: new Map() };
      }
      let metadata = last.byVersion.get(schemaVersion);
      if (metadata === undefined) {
        metadata = sortedMetadata(envelopeMetadata({ ...context.envelope, schemaVersion }, context.extraMetadata));
        last.byVersion.set(schemaVersion, metadata);
      }
      // The check gave the data back as a plain JSON object of the schema's exact shape, in canonical order.
      return { id: context.id, type: event.type, data: data as JsonObject, metadata };
    },
  };
}

/** The registry an import appends its ledgers' events through (its own two events are small: zod's). */
export const checkedLedgerEvents = withFastChecks(advisorLedgerEvents, ledgerEventChecks);
