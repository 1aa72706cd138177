// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
// The audit service replays other services' streams with their own registries; the hotline's needs to
// know which centre owns the orders recorded before ownership was stored (as the hotline itself does).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { baseConfigShape, jsonVariable, parseConfig, serviceConfigSchema, type EventStoreChoice } from '@bureau/service-kit';
import { z } from 'zod';

/** An Ed25519 private key in PEM (PKCS#8), as `openssl genpkey -algorithm ed25519` writes it. */
const ed25519PrivateKey = z.string().transform((pem, ctx) => {
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an Ed25519 private key in PEM (openssl genpkey -algorithm ed25519)' });
    return z.NEVER;
  }
});

/**
 * Worker threads that hash while the main thread reads (0: all on the main thread, the default: on the
 * 2-core machine the bench ran on, handing events over cost more than the hashing it moved; see README).
 */
const verifyThreads = z.coerce.number().int().min(0).max(32).default(0);

const roleList = z.string().transform((text) => text.split(',').map((r) => r.trim()).filter((r) => r.length > 0));

/** The hotline's platforms whose orders another centre owns, as the hotline's HOTLINE_PLATFORMS names them. */
const platformCentres = jsonVariable(
  z.record(z.string().min(1), z.string().min(1), { error: 'must be a JSON object of platform id to centre id, e.g. {"by12345":"baiyun-plsc"}' }),
);

export const auditConfigSchema = serviceConfigSchema({
  PORT: z.coerce.number().int().min(0).max(65535).default(3500),
  /** Signs every anchor file (Ed25519). Its public key is published at /anchors/public-key. */
  AUDIT_ANCHOR_SIGNING_KEY: ed25519PrivateKey,
  /** How often an anchor is recorded (default daily). */
  AUDIT_ANCHOR_INTERVAL_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 31).default(24 * 60),
  /** Whether this process records anchors on the schedule (several processes may: one append wins). */
  AUDIT_ANCHOR_SCHEDULE: z.enum(['on', 'off']).default('on'),
  /** Longest sleep of the anchor loop between looks at the last anchor. */
  AUDIT_ANCHOR_CHECK_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  /** Roles that may ask to see personal data unmasked (the view is logged as unmasked). */
  AUDIT_PERSONAL_DATA_ROLES: roleList.default(['city_auditor']),
  /** The hotline's deployment centre (its HOTLINE_CENTRE_ID): owner of orders recorded before ownership was. */
  AUDIT_HOTLINE_CENTRE_ID: z.string().min(1),
  /** Platforms whose orders another centre owns (the hotline's HOTLINE_PLATFORMS centreId), as JSON. */
  AUDIT_HOTLINE_PLATFORM_CENTRES: platformCentres.default({}),
  /** Replayed cases kept in memory while their streams do not move (0: none). */
  AUDIT_CASE_CACHE_SIZE: z.coerce.number().int().min(0).max(100_000).default(500),
  /** Events per history page (the most a client may ask for). */
  AUDIT_HISTORY_MAX_PAGE: z.coerce.number().int().min(10).max(10_000).default(1_000),
  /** Worker threads verifying everything hashes on (0, the default: the main thread). */
  AUDIT_VERIFY_THREADS: verifyThreads,
});

type ParsedEnv = z.output<typeof auditConfigSchema>;

export type AuditConfig = ParsedEnv & {
  /** Published beside every anchor. */
  readonly anchorPublicKey: KeyObject;
};

/** Throws ConfigError listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<AuditConfig> {
  const parsed = parseConfig(auditConfigSchema, env);
  return Object.freeze({ ...parsed, anchorPublicKey: createPublicKey(parsed.AUDIT_ANCHOR_SIGNING_KEY) });
}

/** The command line's settings (`pnpm audit:verify`): the event store (EventStoreDB when EVENTSTORE_URL is set, as the service chooses, else the PostgreSQL store in DATABASE_URL) and the threads. */
export function loadCliConfig(env: Readonly<Record<string, string | undefined>> = process.env): { readonly eventStore: EventStoreChoice; readonly verifyThreads: number } {
  const parsed = z.object({
    DATABASE_URL: baseConfigShape.DATABASE_URL.optional(),
    EVENTSTORE_URL: baseConfigShape.EVENTSTORE_URL,
    AUDIT_VERIFY_THREADS: verifyThreads,
  }).safeParse(env);
  if (!parsed.success) throw new Error('DATABASE_URL: a postgres:// URL; EVENTSTORE_URL, if set: an esdb:// connection string; AUDIT_VERIFY_THREADS, if set: 0 to 32');
  const { DATABASE_URL, EVENTSTORE_URL, AUDIT_VERIFY_THREADS } = parsed.data;
  if (EVENTSTORE_URL !== undefined) {
    // DATABASE_URL is not read when EventStoreDB is chosen (the CLI keeps no read models).
    return Object.freeze({ eventStore: { DATABASE_URL: DATABASE_URL ?? '', EVENTSTORE_URL }, verifyThreads: AUDIT_VERIFY_THREADS });
  }
  if (DATABASE_URL === undefined) throw new Error('DATABASE_URL: set it to the event store\'s postgres:// URL, or EVENTSTORE_URL to an esdb:// one');
  return Object.freeze({ eventStore: { DATABASE_URL }, verifyThreads: AUDIT_VERIFY_THREADS });
}
