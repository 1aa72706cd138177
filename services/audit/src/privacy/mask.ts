// Personal data in what an auditor is shown: masked unless the role allows it. Which fields carry it is
// the platform's one list (the kit's PERSONAL_DATA_FIELDS, also what logs redact); the values found there
// are then masked wherever else they appear (free text quoting a name or a phone), as are strings shaped
// like a phone or an ID number.
import { PERSONAL_DATA_FIELDS } from '@bureau/service-kit';

const PERSONAL = new Set<string>(PERSONAL_DATA_FIELDS);
const ID_NUMBER = /(?<![0-9])\d{17}[\dXx](?![0-9])/g;
const MOBILE = /(?<![0-9])1\d{10}(?![0-9])/g;
const LANDLINE = /(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])/g;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** 张三丰 → 张**, 13812345678 → 138****5678, anything else: its first character and stars. */
export function maskValue(value: string): string {
  const chars = Array.from(value.trim());
  if (/^\+?[\d -]{7,}$/.test(value)) {
    const digits = value.replace(/\D/g, '');
    return digits.length < 8 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
  }
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 8))}`;
}

/** The personal data of a case: which fields hold it (paths without indices) and the values, longest first. */
export interface PersonalData {
  readonly fields: readonly string[];
  readonly values: readonly string[];
}

export function personalDataIn(values: readonly unknown[]): PersonalData {
  const fields = new Set<string>();
  const found = new Set<string>();
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((item) => walk(item, path));
    else if (isRecord(v)) {
      for (const [key, inner] of Object.entries(v)) {
        const p = path === '' ? key : `${path}.${key}`;
        if (PERSONAL.has(key) && typeof inner === 'string' && inner.trim() !== '') {
          fields.add(p);
          found.add(inner.trim());
        } else walk(inner, p);
      }
    }
  };
  for (const v of values) walk(v, '');
  return { fields: [...fields].sort(), values: [...found].sort((a, b) => b.length - a.length) };
}

function maskText(text: string, personal: PersonalData): string {
  let out = text;
  for (const value of personal.values) if (out.includes(value)) out = out.split(value).join(maskValue(value));
  return out
    .replace(ID_NUMBER, (id) => `${id.slice(0, 6)}********${id.slice(-4)}`)
    .replace(MOBILE, (m) => maskValue(m))
    .replace(LANDLINE, (l) => maskValue(l));
}

/** A copy with personal data masked: personal fields by their value, and known values in any text. */
export function masked(value: unknown, personal: PersonalData): unknown {
  if (typeof value === 'string') return maskText(value, personal);
  if (Array.isArray(value)) return value.map((v) => masked(v, personal));
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = PERSONAL.has(key) && typeof inner === 'string' ? maskValue(inner) : masked(inner, personal);
  }
  return out;
}

/** The personal data of two parts of one case (a kept replay and the events after it). */
export function mergePersonalData(a: PersonalData, b: PersonalData): PersonalData {
  return {
    fields: [...new Set([...a.fields, ...b.fields])].sort(),
    values: [...new Set([...a.values, ...b.values])].sort((x, y) => y.length - x.length),
  };
}
