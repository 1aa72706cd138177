// The only file that reads process.env: parsed once at start, frozen, fails fast listing every bad variable.
// The console keeps no data of its own (no DATABASE_URL): it serves the front end and passes the
// browser's calls to the services, whose base URLs are configured here.
import { baseConfigShape, parseConfig } from '@bureau/service-kit';
import { z } from 'zod';

const { DATABASE_URL: _noDatabase, ...shape } = baseConfigShape;
const serviceUrl = (port: number) => z.url({ protocol: /^https?$/ }).default(`http://127.0.0.1:${port}`);

export const consoleConfigSchema = z
  .object({
    ...shape,
    PORT: z.coerce.number().int().min(0).max(65535).default(3700),
    HOTLINE_URL: serviceUrl(3200),
    LEGAL_AID_URL: serviceUrl(3300),
    ADVISORS_URL: serviceUrl(3400),
    AUDIT_URL: serviceUrl(3500),
    REPORTS_URL: serviceUrl(3600),
    /**
     * The development sign-in page (pick a demo user, get a token signed with JWT_SECRET). On by default
     * outside production; refused in production.
     */
    CONSOLE_DEV_SIGN_IN: z.enum(['true', 'false']).optional(),
    /** How long a service may take to answer a passed-on call before the browser is told it is unavailable. */
    CONSOLE_UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  })
  .superRefine((config, ctx) => {
    if (!config.JWT_SECRET && !config.JWT_PUBLIC_KEY && !config.OIDC_ISSUER) {
      ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'set JWT_SECRET (development sign-in) and/or OIDC_ISSUER with OIDC_AUDIENCE (the bureau\'s identity provider)' });
    }
    if (Boolean(config.OIDC_ISSUER) !== Boolean(config.OIDC_AUDIENCE)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_AUDIENCE'], message: 'OIDC_ISSUER and OIDC_AUDIENCE (the console\'s client id) go together' });
    }
    if (config.CONSOLE_DEV_SIGN_IN === 'true' && config.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_DEV_SIGN_IN'], message: 'the development sign-in is never on in production' });
    }
    if (config.CONSOLE_DEV_SIGN_IN === 'true' && !config.JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['CONSOLE_DEV_SIGN_IN'], message: 'the development sign-in signs with JWT_SECRET: set it' });
    }
  }, { when: () => true });

export type ConsoleConfig = z.output<typeof consoleConfigSchema>;

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Readonly<ConsoleConfig> {
  return parseConfig(consoleConfigSchema, env);
}

/** Whether the development sign-in page is on: asked for, or by default outside production when a secret is set. */
export function devSignInOn(config: ConsoleConfig): boolean {
  if (config.CONSOLE_DEV_SIGN_IN) return config.CONSOLE_DEV_SIGN_IN === 'true';
  return config.NODE_ENV !== 'production' && Boolean(config.JWT_SECRET);
}

/** The services the browser's calls go to, by the name in `/api/<name>/...`. */
export function upstreamsOf(config: ConsoleConfig): Readonly<Record<string, string>> {
  return { hotline: config.HOTLINE_URL, 'legal-aid': config.LEGAL_AID_URL, advisors: config.ADVISORS_URL, audit: config.AUDIT_URL, reports: config.REPORTS_URL };
}
