// Personal data on the read side (法律援助 files): identity numbers and phones masked, plus a keyed hash
// for look-ups; the full values only ever come from the file's stream, to the roles that handle it.
import { createHmac } from 'node:crypto';
import type { Person } from '../domain/index.js';

/** 张三 → 张*: the family name stays, so a reader can still talk about the case. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 13812341234 → 138****1234; anything short is masked whole. */
export function maskPhone(phone: string): string {
  const digits = phone.trim();
  return digits.length < 8 ? '*'.repeat(digits.length) : `${digits.slice(0, 3)}${'*'.repeat(digits.length - 7)}${digits.slice(-4)}`;
}

/** 440114199001011234 → 440114********1234; other documents keep their last 4 characters at most. */
export function maskDocumentNumber(number: string): string {
  const value = number.trim();
  if (value.length >= 15) return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
  if (value.length > 6) return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
  return '*'.repeat(value.length);
}

/** The person as a read model or a masked view may hold them: name kept, number and phone masked, no address. */
export function maskPerson(person: Person, options: { readonly maskName?: boolean } = {}): Person {
  const { document } = person;
  return {
    ...person,
    name: options.maskName ? maskName(person.name) : person.name,
    document: document.type === 'unknown' ? document : { ...document, number: maskDocumentNumber(document.number) },
    phone: person.phone === null ? null : maskPhone(person.phone),
    address: person.address === null ? null : '***',
  };
}

const normalised = (text: string) => text.replace(/\s+/g, '').toUpperCase();

/** HMAC-SHA-256 of the document (type and number) under the deployment's key; null for identity unknown. */
export function identityHash(key: string, document: Person['document']): string | null {
  if (document.type === 'unknown') return null;
  return createHmac('sha256', key).update(`${document.type}:${normalised(document.number)}`).digest('hex');
}

// 18-character identity numbers, mainland mobiles and landlines written anywhere in a free text.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1\d{10}(?![0-9A-Za-z])/g;
const LANDLINE = /(?<![0-9A-Za-z])0\d{2,3}-?\d{7,8}(?![0-9A-Za-z])/g;

/** A clerk's free text with anything shaped like an identity number or a phone masked. */
export function maskFreeText(text: string): string {
  return text.replace(ID_NUMBER, maskDocumentNumber).replace(MOBILE, maskPhone).replace(LANDLINE, maskPhone);
}
