// Mainland China phone numbers: mobile (11 digits starting 1[3-9], optionally +86) or landline (area
// code, then 7-8 digits, optionally an extension). Stored in one normal form, so a
// look-up by phone finds the same person however the clerk typed it.
import { z } from 'zod';

const MOBILE = /^(?:\+?86)?(1[3-9]\d{9})$/;
// Area codes: 010 and 02X have three digits, every other (03XX to 09XX) four.
const LANDLINE = /^(01\d|02\d|0[3-9]\d{2})([2-9]\d{6,7})(?:(?:ext|转|#)(\d{1,6}))?$/;

export type PhoneKind = 'mobile' | 'landline';

/** The normal form (mobile: 11 digits; landline: `0AA-NNNNNNNN[-EXT]`) and kind, or undefined. */
export function normalisePhone(raw: string): { kind: PhoneKind; number: string } | undefined {
  const compact = raw.replace(/[\s()（）-]/g, '');
  const mobile = MOBILE.exec(compact);
  if (mobile) return { kind: 'mobile', number: mobile[1] as string };
  const landline = LANDLINE.exec(compact);
  if (landline) {
    const [, area, local, ext] = landline;
    return { kind: 'landline', number: `${area}-${local}${ext ? `-${ext}` : ''}` };
  }
  return undefined;
}

export const PHONE_MESSAGE = '应为大陆手机号（11位）或固定电话（区号+号码） / a mainland mobile (11 digits) or landline (area code + number)';

/** A mainland phone number in its normal form. */
export const phoneNumber = z.string().transform((raw, ctx) => {
  const phone = normalisePhone(raw);
  if (!phone) {
    ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
    return z.NEVER;
  }
  return phone.number;
});
