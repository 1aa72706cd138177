// An event of a file as a reader who does not handle it sees it (the city's administrator): what the
// file route masks, masked here too. Fields naming a person (the kit's list: name, phone, address…)
// and any identity document's number are masked by what they hold; the names of the file's people are
// masked wherever a text quotes them; numbers and phones written into a text are masked as the read
// side masks them (maskFreeText).
import { PERSONAL_DATA_FIELDS } from '@bureau/service-kit';
import { maskDocumentNumber, maskFreeText, maskName, maskPhone } from './mask.js';

const PERSONAL = new Set<string>(PERSONAL_DATA_FIELDS);
const PHONES = new Set(['phone', 'phoneNumber', 'mobile', 'contactPhone']);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names of a file's people as its events record them (recipient, applicant, defendant): longest first. */
export function namesIn(events: readonly unknown[]): string[] {
  const names = new Set<string>();
  const walk = (value: unknown, key: string) => {
    if (Array.isArray(value)) value.forEach((v) => walk(v, key));
    else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, k);
    else if (key === 'name' && typeof value === 'string' && value.trim() !== '') names.add(value.trim());
  };
  events.forEach((e) => walk(e, ''));
  return [...names].sort((a, b) => b.length - a.length);
}

function maskedField(key: string, value: string): string {
  if (PHONES.has(key)) return maskPhone(value);
  if (key === 'address') return '***';
  return maskName(value);
}

export function maskedEventData(data: unknown, names: readonly string[], key = ''): unknown {
  if (typeof data === 'string') {
    if (PERSONAL.has(key)) return maskedField(key, data);
    let text = data;
    for (const name of names) if (text.includes(name)) text = text.split(name).join(maskName(name));
    return maskFreeText(text);
  }
  if (Array.isArray(data)) return data.map((d) => maskedEventData(d, names, key));
  if (!isRecord(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    // An identity document: { type, number }.
    out[k] = k === 'number' && key === 'document' && typeof v === 'string' ? maskDocumentNumber(v) : maskedEventData(v, names, k);
  }
  return out;
}
