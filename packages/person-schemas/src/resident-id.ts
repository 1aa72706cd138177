// 居民身份证号码 (GB 11643-1999): 6 digits of address code, 8 of birth date (YYYYMMDD), 3 of sequence, and
// a check character by ISO 7064 MOD 11-2. A wrong number is refused saying WHICH of the three checks
// failed, so a clerk knows whether to look at the length, the birth date or a mistyped digit.
import { z } from 'zod';

/** Weights of the 17 leading digits: 2^(18-i) mod 11 for position i = 1..17 (ISO 7064 MOD 11-2). */
export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** The check character for each remainder 0..10 of the weighted sum mod 11. */
const CHECK_CHARACTERS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;
/** Earliest birth year accepted: the second-generation ID was issued to the living. */
const EARLIEST_BIRTH_YEAR = 1900;

/** Which check a resident ID number failed. */
export type ResidentIdProblem = 'length_or_format' | 'birth_date' | 'check_digit';

export const residentIdProblemMessages: Readonly<Record<ResidentIdProblem, string>> = {
  length_or_format: '居民身份证号码应为18位：17位数字加1位校验码（数字或X） / a resident ID number is 17 digits and a check character (digit or X)',
  birth_date: '居民身份证号码中的出生日期不是真实日期 / the birth date in the resident ID number is not a real date',
  check_digit: '居民身份证号码校验码不符（GB 11643） / the check character of the resident ID number is wrong (GB 11643)',
};

/** The check character of the 17 leading digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckCharacter needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * (RESIDENT_ID_WEIGHTS[i] as number);
  return CHECK_CHARACTERS[sum % 11] as string;
}

/** The birth date (YYYY-MM-DD) a well-formed number carries, or undefined when it is not a real date. */
export function residentIdBirthDate(value: string): string | undefined {
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real || year < EARLIEST_BIRTH_YEAR) return undefined;
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

/**
 * The first check `value` fails, in order length/format, birth date, check digit; undefined when valid.
 * `today` (YYYY-MM-DD), when given, also refuses a birth date after it.
 */
export function residentIdProblem(value: string, today?: string): ResidentIdProblem | undefined {
  if (!/^\d{17}[\dX]$/.test(value)) return 'length_or_format';
  const birthDate = residentIdBirthDate(value);
  if (birthDate === undefined || (today !== undefined && birthDate > today)) return 'birth_date';
  if (residentIdCheckCharacter(value.slice(0, 17)) !== value[17]) return 'check_digit';
  return undefined;
}

/**
 * A resident ID number: trimmed, a lower-case x read as X. The issue's `params.problem` names the check
 * that failed, for a 400 that says which.
 */
export function residentIdNumberSchema(options: { today?: string } = {}) {
  return z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .superRefine((value, ctx) => {
      const problem = residentIdProblem(value, options.today);
      if (problem) ctx.addIssue({ code: 'custom', message: residentIdProblemMessages[problem], params: { problem } });
    });
}

export const residentIdNumber = residentIdNumberSchema();
