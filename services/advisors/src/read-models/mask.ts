// Persons served are personal data: masked for readers who do not need them (lists always; one ledger
// for the district and the city). 张三 → 张*, 13812341234 → 138****1234.
import type { EntryContent, PersonServed } from '../domain/index.js';

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

const MOBILE = /(?<![0-9])1\d{10}(?![0-9])/g;
const LANDLINE = /(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])/g;

/** The persons' names and phones, and anything shaped like a phone, masked in a summary. */
export function maskText(text: string, persons: readonly PersonServed[]): string {
  let masked = text;
  for (const p of persons) {
    const name = p.name.trim();
    if (name.length > 0) masked = masked.split(name).join(maskName(name));
  }
  return masked.replace(MOBILE, (m) => maskPhone(m) ?? '*').replace(LANDLINE, (l) => maskPhone(l) ?? '*');
}

export function maskContent(content: EntryContent): EntryContent {
  return {
    ...content,
    summary: maskText(content.summary, content.personsServed),
    personsServed: content.personsServed.map((p) => ({ name: maskName(p.name), phone: maskPhone(p.phone) })),
  };
}
