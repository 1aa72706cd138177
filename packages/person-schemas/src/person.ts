// A person as a legal-aid file records one (the applicant 申请人, the recipient 受援人, a defendant):
// name, identity document, phone, address, and the groups the Legal Aid Law and the green channel ask
// about. Personal data: the read side masks it and nothing logs it.
import { z } from 'zod';
import { identityDocumentSchema } from './identity-document.js';
import { phoneNumber } from './phone.js';
import { residentIdBirthDate } from './resident-id.js';

/**
 * Group memberships that change how an application is handled: Art. 42 (exempt from the hardship check,
 * with proof), Art. 32 (no economic condition at all), and the green channel (绿色通道).
 */
export const personGroups = [
  'minor', // 未成年人
  'elderly', // 老年人
  'disabled', // 残疾人
  'no_fixed_income', // 无固定生活来源 (with minor, elderly or disabled: Art. 42(1))
  'social_assistance_recipient', // 社会救助对象 (低保、特困): Art. 42(2)
  'judicial_assistance_recipient', // 司法救助对象: Art. 42(2)
  'preferential_care_recipient', // 优抚对象: Art. 42(2)
  'migrant_worker', // 农民工 (wage or work-injury claims: Art. 42(3))
  'military_or_family', // 军人军属
  'martyr_close_relative', // 英雄烈士近亲属 (reputation of a martyr: Art. 32(1))
  'good_samaritan', // 见义勇为 (Art. 32(2))
  'acquitted_on_retrial', // 再审改判无罪 (state compensation: Art. 32(3))
  'abuse_or_domestic_violence_victim', // 遭受虐待、遗弃或者家庭暴力的受害人 (Art. 32(4))
] as const;
export type PersonGroup = (typeof personGroups)[number];

export const personGroupNames: Readonly<Record<PersonGroup, string>> = {
  minor: '未成年人',
  elderly: '老年人',
  disabled: '残疾人',
  no_fixed_income: '无固定生活来源',
  social_assistance_recipient: '社会救助对象',
  judicial_assistance_recipient: '司法救助对象',
  preferential_care_recipient: '优抚对象',
  migrant_worker: '农民工',
  military_or_family: '军人军属',
  martyr_close_relative: '英雄烈士近亲属',
  good_samaritan: '见义勇为人员',
  acquitted_on_retrial: '再审改判无罪人员',
  abuse_or_domestic_violence_victim: '虐待、遗弃、家庭暴力受害人',
};

export function personSchema(options: { today?: string } = {}) {
  return z.object({
    name: z.string().trim().min(1).max(50),
    document: identityDocumentSchema(options),
    /** Needed where the document does not carry it (a passport, identity unknown); a resident ID does. */
    birthDate: z.iso.date().nullable().default(null),
    phone: phoneNumber.nullable().default(null),
    address: z.string().trim().min(1).max(200).nullable().default(null),
    groups: z
      .array(z.enum(personGroups))
      .default([])
      .refine((groups) => new Set(groups).size === groups.length, { message: '群体重复 / a group is listed twice' }),
  });
}

export const person = personSchema();

/** The birth date recorded, or the one a resident ID number carries; null when neither is known. */
export function birthDateOf(someone: { birthDate: string | null; document: { type: string; number?: string } }): string | null {
  if (someone.birthDate !== null) return someone.birthDate;
  const { document } = someone;
  return document.type === 'resident_id' && document.number !== undefined ? (residentIdBirthDate(document.number) ?? null) : null;
}
export type Person = z.output<typeof person>;
export type PersonInput = z.input<typeof person>;
