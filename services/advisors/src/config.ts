// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
// The advisors' limits (domain reference §3, CONFIGURABLE) override the domain's defaults; the on-site
// minimum may differ per district.
import { jsonVariable, parseConfig, serviceConfigSchema } from '@bureau/service-kit';
import { z } from 'zod';
import { advisorLimits, type AdvisorLimits } from './domain/index.js';

/** Hours in whole minutes (7.5 is fine, 7.51 is not), as the ledger counts minutes. */
const hours = z.coerce.number().min(0).max(744).refine((h) => Number.isInteger(h * 60), 'whole minutes (e.g. 8 or 7.5)');

export const advisorsConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3400),
  /** 驻点时长下限: hours on site per village per month (default 8, domain reference §3). */
  ADVISORS_MINIMUM_ON_SITE_HOURS: hours.optional(),
  /** The same per district, e.g. {"huadu":10}; the others keep ADVISORS_MINIMUM_ON_SITE_HOURS. */
  ADVISORS_MINIMUM_ON_SITE_HOURS_BY_DISTRICT: jsonVariable(z.record(z.string().min(1), hours)).optional(),
  /** The day of the month the judicial office may start its review (default 25, 1..28). */
  ADVISORS_REVIEW_STARTS_ON_DAY: z.coerce.number().int().min(1).max(28).optional(),
  /** Largest evidence file accepted, bytes (default 20 MiB). */
  ADVISORS_EVIDENCE_MAX_BYTES: z.coerce.number().int().min(1).max(200 * 1024 * 1024).optional(),
  /** Largest spreadsheet accepted by the upload route, bytes (default 10 MiB). */
  ADVISORS_IMPORT_MAX_BYTES: z.coerce.number().int().min(1).max(200 * 1024 * 1024).default(10 * 1024 * 1024),
  /** How long a query with ?after=<position> waits for the read model before answering 503. */
  READ_YOUR_WRITES_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  /** How long each projection batch waits for more events under load (the engine's busyLingerMs). */
  PROJECTION_BUSY_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(25),
  /** Longest sleep of the month-end timers' loop between looks. */
  MONTH_END_TIMERS_MAX_SLEEP_MS: z.coerce.number().int().min(10).max(600_000).default(60_000),
  /** Whether this process fires due month-end timers (the scheduler always runs). */
  MONTH_END_TIMERS_FIRE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /**
   * Whether this process keeps the read model (the ledger projection) and, unless it fires them, the
   * month-end timers' schedule. A deployment may keep them in a process of its own, so that a province's
   * import does not share its CPU with them catching up on its 100,000 events.
   */
  ADVISORS_READ_MODELS_RUN: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

type ParsedEnv = z.output<typeof advisorsConfigSchema>;

export type AdvisorsConfig = ParsedEnv & {
  /** The limits in force for a district (its own minimum when configured). */
  readonly limitsFor: (districtId: string | undefined) => AdvisorLimits;
};

export class AdvisorsConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AdvisorsConfigError';
  }
}

function limitsOf(env: ParsedEnv): (districtId: string | undefined) => AdvisorLimits {
  const base = {
    ...(env.ADVISORS_MINIMUM_ON_SITE_HOURS !== undefined ? { minimumOnSiteHoursPerMonth: env.ADVISORS_MINIMUM_ON_SITE_HOURS } : {}),
    ...(env.ADVISORS_REVIEW_STARTS_ON_DAY !== undefined ? { reviewStartsOnDay: env.ADVISORS_REVIEW_STARTS_ON_DAY } : {}),
    ...(env.ADVISORS_EVIDENCE_MAX_BYTES !== undefined ? { evidenceMaxBytes: env.ADVISORS_EVIDENCE_MAX_BYTES } : {}),
  };
  try {
    const fallback = advisorLimits(base);
    const byDistrict = new Map(
      Object.entries(env.ADVISORS_MINIMUM_ON_SITE_HOURS_BY_DISTRICT ?? {}).map(([district, h]) => [district, advisorLimits({ ...base, minimumOnSiteHoursPerMonth: h })]),
    );
    return (districtId) => (districtId !== undefined ? byDistrict.get(districtId) : undefined) ?? fallback;
  } catch (error) {
    if (error instanceof RangeError) throw new AdvisorsConfigError([error.message]);
    throw error;
  }
}

/** Throws ConfigError (bad variables) or AdvisorsConfigError (limits out of range). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<AdvisorsConfig> {
  const parsed = parseConfig(advisorsConfigSchema, env);
  return Object.freeze({ ...parsed, limitsFor: limitsOf(parsed) });
}
