// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
import { jsonVariable, parseConfig, serviceConfigSchema } from '@bureau/service-kit';
import { z } from 'zod';

/** The hotline's platforms whose orders another centre owns, as the hotline's HOTLINE_PLATFORMS names them. */
const platformCentres = jsonVariable(
  z.record(z.string().min(1), z.string().min(1), { error: 'must be a JSON object of platform id to centre id, e.g. {"by12345":"baiyun-plsc"}' }),
);

export const reportsConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3600),
  /** 驻点时长下限 the villages' monthly minimum on site, hours (the advisors' ADVISORS_MINIMUM_ON_SITE_HOURS). */
  REPORTS_ADVISOR_MINIMUM_HOURS: z.coerce.number().min(0).max(744).default(8),
  /** The hotline's deployment centre (its HOTLINE_CENTRE_ID): owner of orders recorded before ownership was. */
  REPORTS_HOTLINE_CENTRE_ID: z.string().min(1).default('huadu-plsc'),
  /** Platforms whose orders another centre owns (the hotline's HOTLINE_PLATFORMS centreId), as JSON. */
  REPORTS_HOTLINE_PLATFORM_CENTRES: platformCentres.default({}),
  /** The most facts one drill-down page may ask for. */
  REPORTS_MAX_PAGE: z.coerce.number().int().min(10).max(100_000).default(1_000),
});

export type ReportsConfig = z.output<typeof reportsConfigSchema>;

/** Throws ConfigError listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<ReportsConfig> {
  return Object.freeze(parseConfig(reportsConfigSchema, env));
}
