// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
// Limits (domain reference §2, CONFIGURABLE) override the decider's defaults; the application number's
// pattern and each district's short name (花 for 花都) are the bureau's.
import { OfficeHoursError, parseOfficeHours } from '@bureau/calendar-book';
import { jsonVariable, parseConfig, serviceConfigSchema } from '@bureau/service-kit';
import type { OfficePeriod } from '@bureau/working-calendar';
import { z } from 'zod';
import type { LegalAidLimitOverrides } from './domain/index.js';
import { checkNumberPattern, DEFAULT_NUMBER_PATTERN } from './numbering/application-number.js';

const officeHoursSchema = z.string().transform((text, ctx): readonly OfficePeriod[] => {
  try {
    return parseOfficeHours(text);
  } catch (error) {
    if (!(error instanceof OfficeHoursError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.reason });
    return z.NEVER;
  }
});

const deadline = z.strictObject({ unit: z.enum(['working_days', 'working_hours', 'clock_hours', 'calendar_days']), amount: z.number().int().min(0) });
const limitOverrides = z.strictObject({
  review: deadline.optional(),
  assignment: deadline.optional(),
  notifiedAssignment: deadline.optional(),
  objectionDecision: deadline.optional(),
  custodyForwarding: deadline.optional(),
  materials: deadline.optional(),
  preliminaryAidAssignment: deadline.optional(),
  preliminaryAidCalendarDays: z.number().int().min(0).optional(),
  greenChannelReview: deadline.optional(),
  greenChannelAssignment: deadline.optional(),
  objectionFiling: deadline.nullable().optional(),
  greenChannelHardship: z.enum(['waived', 'pledge']).optional(),
});

export const legalAidConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3300),
  /**
   * 申请编号 pattern: {district} the district's short name, {year}, {sequence:N} zero-padded to N digits.
   * Default `{district}法援申〔{year}〕{sequence:5}号` → 花法援申〔2026〕00123号.
   */
  LEGAL_AID_NUMBER_PATTERN: z.string().default(DEFAULT_NUMBER_PATTERN).superRefine((pattern, ctx) => {
    const problem = checkNumberPattern(pattern);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Short names by district (or city office) id, e.g. {"huadu":"花","baiyun":"白","gz":"穗"}; default: the first character of the registry's name. */
  LEGAL_AID_DISTRICT_SHORT_NAMES: jsonVariable(z.record(z.string().min(1), z.string().trim().min(1).max(8))).default({}),
  /** Key of the keyed hash (HMAC-SHA-256) read models keep of identity numbers and phones, for look-ups. 32+ characters. */
  LEGAL_AID_IDENTITY_HASH_KEY: z.string().min(32, 'must be at least 32 characters'),
  /** Limits overriding the Legal Aid Law's defaults, whole, for every district (JSON; see src/domain/README.md). */
  LEGAL_AID_LIMITS: jsonVariable(limitOverrides).default({}),
  /** Per district (office id) overrides on top, e.g. {"huadu-legal-aid":{"greenChannelReview":{"unit":"working_days","amount":1}}}. */
  LEGAL_AID_DISTRICT_LIMITS: jsonVariable(z.record(z.string().min(1), limitOverrides)).default({}),
  /** The offices' office hours, e.g. "08:30-12:00,14:00-17:30" (working-hour limits count them). */
  LEGAL_AID_OFFICE_HOURS: officeHoursSchema.optional(),
  PROJECTION_BUSY_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(25),
  READ_YOUR_WRITES_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  DEADLINE_TIMERS_MAX_SLEEP_MS: z.coerce.number().int().min(10).max(600_000).default(60_000),
  DEADLINE_TIMERS_FIRE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Whether this process keeps the deadline timers at all (their schedule's projection and the firing
   * loop): false in a process that only serves the counter and the read models, beside one that keeps
   * them. Every deployment needs one process with true, or no limit ever fires.
   */
  DEADLINE_TIMERS_RUN: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** How often the reconciler completes numbers whose application stream is missing (a crash between the two appends). */
  NUMBER_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(50).max(3_600_000).default(30_000),
  /** Size limit of one scanned document handed in (bytes). */
  LEGAL_AID_DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1).default(10 * 1024 * 1024),
});

type ParsedEnv = z.output<typeof legalAidConfigSchema>;
export type LegalAidConfig = Omit<ParsedEnv, 'LEGAL_AID_LIMITS' | 'LEGAL_AID_DISTRICT_LIMITS'> & {
  readonly limits: LegalAidLimitOverrides;
  readonly districtLimits: Readonly<Record<string, LegalAidLimitOverrides>>;
};

/** Without undefined members (the domain's overrides are exact optional). */
function overridesOf(raw: z.output<typeof limitOverrides>): LegalAidLimitOverrides {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as LegalAidLimitOverrides;
}

/** Throws ConfigError listing every bad variable (never its value). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<LegalAidConfig> {
  const { LEGAL_AID_LIMITS, LEGAL_AID_DISTRICT_LIMITS, ...parsed } = parseConfig(legalAidConfigSchema, env);
  return Object.freeze({
    ...parsed,
    limits: Object.freeze(overridesOf(LEGAL_AID_LIMITS)),
    districtLimits: Object.freeze(Object.fromEntries(Object.entries(LEGAL_AID_DISTRICT_LIMITS).map(([k, v]) => [k, overridesOf(v)]))),
  });
}
