// Chinese phone numbers as people write them on ledgers: a mobile (11 digits from 1[3-9]) or a landline
// with its area code (020-12345678, 02012345678). Spaces and dashes people type are taken out first.

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

/** The number with spaces and dashes removed, or undefined when it is neither a mobile nor a landline. */
export function normalisedPhone(value: string): string | undefined {
  const compact = value.replace(/[\s-]/g, '');
  return MOBILE.test(compact) || LANDLINE.test(compact) ? compact : undefined;
}
