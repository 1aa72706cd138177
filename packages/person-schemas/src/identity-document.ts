// An identity document by type. A resident ID is validated (GB 11643); other documents are accepted as
// written; "identity unknown" is accepted too (a suspect whose identity is not established). Nobody is
// refused for lack of a resident ID (domain reference §2; Legal Aid Law Art. 70 for foreigners).
import { z } from 'zod';
import { residentIdNumberSchema } from './resident-id.js';

/** Document types other than the resident ID, with the name a clerk reads. */
export const otherDocumentTypes = [
  'household_register', // 户口簿 (children without an ID card)
  'hong_kong_macao_permit', // 港澳居民来往内地通行证 / 港澳居民居住证
  'taiwan_permit', // 台湾居民来往大陆通行证 / 台湾居民居住证
  'foreign_permanent_residence', // 外国人永久居留身份证
  'passport', // 护照
  'military_id', // 军官证 / 士兵证
  'other', // 其他证件 (named in `description`)
] as const;
export type OtherDocumentType = (typeof otherDocumentTypes)[number];

export const documentTypeNames: Readonly<Record<OtherDocumentType | 'resident_id' | 'unknown', string>> = {
  resident_id: '居民身份证',
  household_register: '户口簿',
  hong_kong_macao_permit: '港澳居民来往内地通行证',
  taiwan_permit: '台湾居民来往大陆通行证',
  foreign_permanent_residence: '外国人永久居留身份证',
  passport: '护照',
  military_id: '军人证件',
  other: '其他证件',
  unknown: '身份不明',
};

const documentNumber = z.string().trim().min(1).max(64);

export function identityDocumentSchema(options: { today?: string } = {}) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('resident_id'), number: residentIdNumberSchema(options) }),
    z.object({
      type: z.enum(otherDocumentTypes),
      number: documentNumber,
      /** Issuing country or region for a passport or permit (ISO 3166 code or a name). */
      issuer: z.string().trim().min(1).max(64).nullable().default(null),
      description: z.string().trim().min(1).max(100).nullable().default(null),
    }),
    z.object({
      type: z.literal('unknown'),
      /** What is known instead (e.g. 自称姓名, a detention number). */
      note: z.string().trim().max(200).nullable().default(null),
    }),
  ]);
}

export const identityDocument = identityDocumentSchema();
export type IdentityDocument = z.output<typeof identityDocument>;
export type IdentityDocumentInput = z.input<typeof identityDocument>;
