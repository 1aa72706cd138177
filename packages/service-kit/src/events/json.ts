// A runtime check that a value survives the store's JSON round trip unchanged, so event data is
// proven JSON (no Date, undefined inside arrays, NaN, bigint, class instances) before it is appended.
import type { Json, JsonObject } from '@bureau/event-store';

export function isJson(value: unknown): value is Json {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  return isJsonObject(value);
}

export function isJsonObject(value: unknown): value is JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  // An absent optional field (undefined) is dropped by JSON, which is what the reader expects.
  return Object.values(value).every((v) => v === undefined || isJson(v));
}
