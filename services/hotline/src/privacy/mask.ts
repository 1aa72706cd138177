// Masking of personal data for readers who do not need it (auditors, administrators): the citizen's
// name and phone, and the same details wherever they appear in free text (content, notes, answers).
import type { CitizenContact } from '../domain/index.js';

/** 张三 → 张*, 欧阳娜娜 → 欧***: the family name's first character stays, so a reader can still talk about the case. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13812341234 → 138****1234; anything short is masked whole. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.trim();
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

export function maskCitizen(citizen: CitizenContact): CitizenContact {
  return { name: maskName(citizen.name), phone: maskPhone(citizen.phone) };
}

// Mainland mobiles, landlines with area code and 18-digit ID numbers written anywhere in a text.
const ID_NUMBER = /(?<![0-9])\d{17}[\dXx](?![0-9])/g;
const MOBILE = /(?<![0-9])1\d{10}(?![0-9])/g;
const LANDLINE = /(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])/g;

/** Masks the citizen's own name and phone in a text, and anything shaped like a phone or ID number. */
export function maskFreeText(text: string, citizen: CitizenContact): string {
  let masked = text;
  const name = citizen.name?.trim();
  if (name) masked = masked.split(name).join(maskName(name) ?? '*');
  const phone = citizen.phone?.trim();
  if (phone) masked = masked.split(phone).join(maskPhone(phone) ?? '*');
  return masked
    .replace(ID_NUMBER, (id) => `${id.slice(0, 6)}********${id.slice(-4)}`)
    .replace(MOBILE, (m) => maskPhone(m) ?? '*')
    .replace(LANDLINE, (l) => maskPhone(l) ?? '*');
}
