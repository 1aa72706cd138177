// 申请编号: given at receipt from the receiving district's sequence for the year, in the bureau's
// pattern (default 花法援申〔2026〕00123号). Pure: formatting and checking the pattern.

export const DEFAULT_NUMBER_PATTERN = '{district}法援申〔{year}〕{sequence:5}号';

const SEQUENCE = /\{sequence(?::(\d))?\}/;

/** What is wrong with a pattern (never echoing it), or undefined. */
export function checkNumberPattern(pattern: string): string | undefined {
  if (!SEQUENCE.test(pattern)) return 'must contain {sequence} or {sequence:N} (N 1-9 digits)';
  if (!pattern.includes('{year}')) return 'must contain {year}: numbers run per year';
  if (!pattern.includes('{district}')) return 'must contain {district}: numbers run per district';
  const rest = pattern.replace(SEQUENCE, '').replaceAll('{year}', '').replaceAll('{district}', '');
  if (/[{}]/.test(rest)) return 'only {district}, {year} and {sequence:N} may appear in braces';
  return undefined;
}

export function formatApplicationNumber(pattern: string, parts: { district: string; year: number; sequence: number }): string {
  return pattern
    .replace(SEQUENCE, (_, width: string | undefined) => String(parts.sequence).padStart(Number(width ?? '1'), '0'))
    .replaceAll('{year}', String(parts.year))
    .replaceAll('{district}', parts.district);
}
