// The calendar's version: which official data a deadline was computed on, for an auditor.
import { createHash } from 'node:crypto';
import type { CalendarData } from './calendar-data.js';

/**
 * Canonical JSON (after RFC 8785): object keys sorted, no white space, array order kept. Calendar
 * data holds only strings, arrays and plain objects; anything else is a programming error.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value !== 'object' || value === null) throw new TypeError(`calendar data cannot hold ${typeof value}`);
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * First 16 hex digits of SHA-256 over the canonical JSON of the data: stable across key order and
 * formatting of the file, different as soon as any day, year or the source changes.
 */
export function calendarVersion(data: CalendarData): string {
  return createHash('sha256').update(canonicalJson(data), 'utf8').digest('hex').slice(0, 16);
}
