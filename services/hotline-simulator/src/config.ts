// The simulator's settings, from the environment, parsed once at start. The only file reading process.env.
import { z } from 'zod';
import { satisfactionSchema, webhookPath } from '@bureau/hotline-protocol/messages';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3190),
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PLATFORM_ID: z.string().regex(/^[a-z0-9-]{2,32}$/, 'a platform id is 2-32 lowercase letters, digits or -').default('gz12345'),
  PLATFORM_SECRET: z.string({ error: 'PLATFORM_SECRET is required: the secret shared with the centre for this platform' }).min(16, 'PLATFORM_SECRET must be at least 16 characters'),
  /** The centre's full webhook URL; when absent, CENTRE_BASE_URL + the protocol's path for PLATFORM_ID. */
  CENTRE_WEBHOOK_URL: z.url().optional(),
  CENTRE_BASE_URL: z.url().default('http://127.0.0.1:3200'),
  FOLLOWUP_AUTO: flag.default(false),
  FOLLOWUP_DELAY_MS: z.coerce.number().int().min(0).default(5000),
  FOLLOWUP_SATISFACTION: satisfactionSchema.default('satisfied'),
  DELIVERY_TRIES: z.coerce.number().int().min(1).max(20).default(3),
  DELIVERY_BACKOFF_MS: z.coerce.number().int().min(0).default(500),
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  ORDER_PREFIX: z.string().regex(/^[A-Z]{1,8}$/).default('SIM'),
  SEED: z.coerce.number().int().optional(),
  /** Keeps the platform's orders and answers across restarts (schema hotline_simulator); none: in memory. */
  DATABASE_URL: z.url().optional(),
});

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`hotline-simulator: bad configuration\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    platformId: e.PLATFORM_ID,
    secret: e.PLATFORM_SECRET,
    webhookUrl: e.CENTRE_WEBHOOK_URL ?? new URL(webhookPath(e.PLATFORM_ID), e.CENTRE_BASE_URL).toString(),
    followUp: Object.freeze({ auto: e.FOLLOWUP_AUTO, delayMs: e.FOLLOWUP_DELAY_MS, satisfaction: e.FOLLOWUP_SATISFACTION }),
    retry: Object.freeze({ tries: e.DELIVERY_TRIES, backoffMs: e.DELIVERY_BACKOFF_MS, timeoutMs: e.DELIVERY_TIMEOUT_MS }),
    orderPrefix: e.ORDER_PREFIX,
    seed: e.SEED,
    databaseUrl: e.DATABASE_URL,
  });
}
