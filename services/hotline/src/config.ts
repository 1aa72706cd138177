// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
// Platforms: one with PLATFORM_ID / PLATFORM_SECRET / PLATFORM_BASE_URL, or several as a JSON list in
// HOTLINE_PLATFORMS. Limits (domain reference §1, CONFIGURABLE) override the decider's defaults.
import { OfficeHoursError, parseOfficeHours } from '@bureau/calendar-book';
import { jsonVariable, parseConfig, serviceConfigSchema } from '@bureau/service-kit';
import { workOrderCategories, type HotlineLimitOverrides } from './domain/index.js';
import { z } from 'zod';
import type { WorkOrderOwnership } from './events/work-order-events.js';

const platformIdSchema = z.string().regex(/^[a-z0-9-]{2,32}$/, 'a platform id is 2-32 lowercase letters, digits or -');

export const platformSchema = z.object({
  id: platformIdSchema,
  /** Shared with the platform for HMAC signing in both directions. */
  secret: z.string().min(16, 'a platform secret must be at least 16 characters'),
  /** Where the outbox posts the centre's messages: `${baseUrl}/api/orders/...`. */
  baseUrl: z.url(),
  /** The centre that owns this platform's orders, when not HOTLINE_CENTRE_ID (one deployment, several centres). */
  centreId: z.string().min(1).optional(),
});
export type PlatformSettings = z.output<typeof platformSchema>;

const workingCount = z.coerce.number().int().min(1);

/** "08:30-12:00,14:00-17:30": the periods, checked as the calendar will use them. */
const officeHoursSchema = z.string().transform((text, ctx) => {
  try {
    return parseOfficeHours(text);
  } catch (error) {
    if (!(error instanceof OfficeHoursError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.reason });
    return z.NEVER;
  }
});

const replyWorkingDaysSchema = z.partialRecord(z.enum(workOrderCategories), z.number().int().min(1));

export const hotlineConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3200),
  /**
   * The organisation (in the registry) of the public legal service centre (区公法中心) the platform
   * dispatches to: it owns every work order, and only its people and their district and city see them.
   */
  HOTLINE_CENTRE_ID: z.string().min(1),
  PLATFORM_ID: platformIdSchema.optional(),
  PLATFORM_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  PLATFORM_BASE_URL: z.url().optional(),
  /** e.g. [{"id":"gz12345","secret":"…","baseUrl":"http://127.0.0.1:3190"}] */
  HOTLINE_PLATFORMS: jsonVariable(z.array(platformSchema).min(1, 'lists no platform')).optional(),
  /** 签收时限, working hours (default 2). */
  HOTLINE_SIGN_FOR_WORKING_HOURS: workingCount.optional(),
  /**
   * The centre's office hours (办公时间) that working-hour limits (签收时限) count, e.g.
   * "08:30-12:00,14:00-17:30". Unset: the calendar's default, 09:00-12:00 and 13:00-18:00.
   */
  HOTLINE_OFFICE_HOURS: officeHoursSchema.optional(),
  /** 退单时限, working days from dispatch (default 2). */
  HOTLINE_RETURN_WINDOW_WORKING_DAYS: workingCount.optional(),
  /** 延期上限, working days over an order's life (default 10). */
  HOTLINE_EXTENSION_CAP_WORKING_DAYS: workingCount.optional(),
  /** The Nth urge while overdue issues a notice (default 2); "off" = only when the platform says so. */
  HOTLINE_NOTICE_AFTER_URGES_WHILE_OVERDUE: z.union([z.literal('off'), workingCount]).optional(),
  /** 办理时限 per category, e.g. {"consultation":3}; the others keep their defaults. */
  HOTLINE_REPLY_WORKING_DAYS: jsonVariable(replyWorkingDaysSchema).optional(),
  /**
   * Group commit batches in flight at once in this process's event store (src/app.ts). 1 by default: the
   * service's CPU, which also serves HTTP and runs the projections, bounds it before the disk does, and
   * fewer, larger batches cost less of it per append. The store's own default (2) overlaps commits for
   * a process that only appends.
   */
  EVENT_STORE_COMMITS_IN_FLIGHT: z.coerce.number().int().min(1).max(16).default(1),
  /**
   * Under steady load, how long each of the service's projection batches (read models, outbox reactor,
   * timers scheduler) waits for more events once caught up (the engine's busyLingerMs). 25 ms: in the
   * webhook bench, fewer batch transactions per order cut both the service's and PostgreSQL's CPU per
   * request (about 0.40 and 0.27 ms against 0.49 and 0.34 ms at 10 ms, two alternating pairs); a read
   * model is then up to 25 ms later under load, and an order after a quiet spell is not delayed at all.
   */
  PROJECTION_BUSY_LINGER_MS: z.coerce.number().int().min(0).max(1_000).default(25),
  /** How long a query with ?after=<position> waits for the read model before answering 503. */
  READ_YOUR_WRITES_WAIT_MS: z.coerce.number().int().min(0).max(30_000).default(2_000),
  // ---- outbox to the platform (src/outbox): exponential backoff, and a budget that must outlast an hour's outage ----
  OUTBOX_RETRY_BASE_MS: z.coerce.number().int().min(1).default(1_000),
  OUTBOX_RETRY_FACTOR: z.coerce.number().min(1).max(10).default(2),
  OUTBOX_RETRY_MAX_DELAY_MS: z.coerce.number().int().min(1).default(300_000),
  OUTBOX_RETRY_BUDGET_HOURS: z.coerce.number().positive().default(24),
  OUTBOX_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(400),
  OUTBOX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  OUTBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  /** Longest sleep of the outbox loop between looks (new messages wake it at once); likewise the timers loop below. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(5_000),
  DEADLINE_TIMERS_MAX_SLEEP_MS: z.coerce.number().int().min(10).max(600_000).default(60_000),
  /** Whether this process fires due timers (the scheduler always runs); several processes may, safely. */
  DEADLINE_TIMERS_FIRE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

type ParsedEnv = z.output<typeof hotlineConfigSchema>;

export type HotlineConfig = ParsedEnv & {
  readonly platforms: readonly PlatformSettings[];
  /** Which centre owns each platform's orders. */
  readonly ownership: WorkOrderOwnership;
  readonly limits: HotlineLimitOverrides;
};

export class HotlineConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'HotlineConfigError';
  }
}

function platformsOf(env: ParsedEnv): PlatformSettings[] {
  const single = [env.PLATFORM_ID, env.PLATFORM_SECRET, env.PLATFORM_BASE_URL];
  const problems: string[] = [];
  const platforms: PlatformSettings[] = [...(env.HOTLINE_PLATFORMS ?? [])];
  if (single.some((v) => v !== undefined)) {
    if (env.PLATFORM_ID && env.PLATFORM_SECRET && env.PLATFORM_BASE_URL) {
      platforms.push({ id: env.PLATFORM_ID, secret: env.PLATFORM_SECRET, baseUrl: env.PLATFORM_BASE_URL });
    } else {
      problems.push('PLATFORM_ID, PLATFORM_SECRET and PLATFORM_BASE_URL: set all three, or none (and use HOTLINE_PLATFORMS)');
    }
  }
  if (platforms.length === 0 && problems.length === 0) {
    problems.push('PLATFORM_ID / PLATFORM_SECRET / PLATFORM_BASE_URL or HOTLINE_PLATFORMS: configure at least one 12345 platform');
  }
  const ids = platforms.map((p) => p.id);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`platform ${twice.join(', ')} is configured twice`);
  if (problems.length > 0) throw new HotlineConfigError(problems);
  return platforms;
}

function limitsOf(env: ParsedEnv): HotlineLimitOverrides {
  const notice = env.HOTLINE_NOTICE_AFTER_URGES_WHILE_OVERDUE;
  return {
    ...(env.HOTLINE_SIGN_FOR_WORKING_HOURS !== undefined ? { signForWorkingHours: env.HOTLINE_SIGN_FOR_WORKING_HOURS } : {}),
    ...(env.HOTLINE_RETURN_WINDOW_WORKING_DAYS !== undefined ? { returnWindowWorkingDays: env.HOTLINE_RETURN_WINDOW_WORKING_DAYS } : {}),
    ...(env.HOTLINE_EXTENSION_CAP_WORKING_DAYS !== undefined ? { extensionCapWorkingDays: env.HOTLINE_EXTENSION_CAP_WORKING_DAYS } : {}),
    ...(notice !== undefined ? { noticeAfterUrgesWhileOverdue: notice === 'off' ? null : notice } : {}),
    ...(env.HOTLINE_REPLY_WORKING_DAYS !== undefined ? { replyWorkingDays: env.HOTLINE_REPLY_WORKING_DAYS } : {}),
  };
}

/**
 * A platform's orders belong to its configured centre, else HOTLINE_CENTRE_ID. A platform no longer
 * configured (an old order's) belongs to HOTLINE_CENTRE_ID too: the deployment's centre keeps its past.
 */
function ownershipOf(centreId: string, platforms: readonly PlatformSettings[]): WorkOrderOwnership {
  const byPlatform = new Map(platforms.map((p) => [p.id, p.centreId ?? centreId]));
  return Object.freeze({ centreOf: (platformId: string) => byPlatform.get(platformId) ?? centreId });
}

/** Throws ConfigError (bad variables) or HotlineConfigError (platforms missing or inconsistent). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<HotlineConfig> {
  const parsed = parseConfig(hotlineConfigSchema, env);
  const platforms = Object.freeze(platformsOf(parsed));
  return Object.freeze({ ...parsed, platforms, ownership: ownershipOf(parsed.HOTLINE_CENTRE_ID, platforms), limits: Object.freeze(limitsOf(parsed)) });
}
