// The variables every service reads; a service extends this with its own (serviceConfigSchema).
import { z } from 'zod';

export const baseConfigShape = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The city this deployment serves (one deployment serves one city): the id of the root of its
   * organisation registry (组织机构), e.g. gz. Tokens' organisations are looked up there.
   */
  CITY_ID: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'an organisation id: lowercase letters, digits and -'),
  /** `demo`: register the development city (`npm start` sets it; never in production). */
  ORGANISATIONS_SEED: z.enum(['demo']).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' }),
  /**
   * EventStoreDB (KurrentDB), e.g. `esdb://eventstore:2113?tls=false`: when set, the service's events go
   * there (plugins/open-event-store.ts); when not, to the PostgreSQL event store in DATABASE_URL.
   */
  EVENTSTORE_URL: z
    .string()
    .regex(/^esdb(\+discover)?:\/\/\S+$/, 'must be an esdb:// or esdb+discover:// connection string')
    .optional(),
  /** HS256 signing secret shared with the identity provider. */
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Or: the identity provider's public key (PEM), for RS256/ES256 tokens. */
  JWT_PUBLIC_KEY: z.string().startsWith('-----BEGIN PUBLIC KEY-----', 'must be a PEM public key').optional(),
  /** And/or: the bureau's OpenID Connect provider (its issuer URL); its keys come from its JWKS. */
  OIDC_ISSUER: z.url().optional(),
  /** This platform's client id at the provider: every token's `aud` must name it. */
  OIDC_AUDIENCE: z.string().min(1).optional(),
  /** The JWKS URL, when the provider's discovery document should not be asked for it. */
  OIDC_JWKS_URL: z.url().optional(),
};

// Extra shapes may be anything, so the rule reads the parsed object without assuming its type.
const isSet = (config: unknown, variable: string) =>
  typeof config === 'object' && config !== null && Reflect.get(config, variable) !== undefined;

/**
 * The base variables plus a service's own. Tokens are verified by the HS256 secret or a PEM key (one of
 * the two), and/or by the OpenID Connect provider's published keys.
 */
export function serviceConfigSchema<Extra extends z.ZodRawShape>(extra: Extra) {
  return z
    .object({ ...baseConfigShape, ...extra })
    .superRefine((config, ctx) => {
      if (!isSet(config, 'JWT_SECRET') && !isSet(config, 'JWT_PUBLIC_KEY') && !isSet(config, 'OIDC_ISSUER')) {
        ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set JWT_SECRET (HS256, 32+ characters) or JWT_PUBLIC_KEY (PEM), and/or OIDC_ISSUER with OIDC_AUDIENCE' });
      }
      if (isSet(config, 'OIDC_ISSUER') !== isSet(config, 'OIDC_AUDIENCE')) {
        ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'OIDC_ISSUER and OIDC_AUDIENCE go together' });
      }
      if (isSet(config, 'JWT_SECRET') && isSet(config, 'JWT_PUBLIC_KEY')) {
        ctx.addIssue({ code: 'custom', path: ['JWT_PUBLIC_KEY'], message: 'set only one of JWT_SECRET and JWT_PUBLIC_KEY' });
      }
    }, { when: () => true }); // also when other variables are bad, so one run lists every problem
}

export const baseConfigSchema = serviceConfigSchema({});
export type BaseConfig = z.output<typeof baseConfigSchema>;
