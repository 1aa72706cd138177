// The app factory every service starts from: zod type provider, request ids, a logger that keeps
// personal data out, problem+json errors, health, OpenAPI docs and bearer-token authentication.
// A service registers its own plugin (resources + routes) on what this returns.
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { accessPlugin } from './auth/access-plugin.js';
import { authPlugin, type AuthOptions } from './auth/auth-plugin.js';
import { docsPlugin } from './http/docs.js';
import { problemHandlersPlugin } from './http/error-handler.js';
import { healthPlugin } from './http/health.js';
import { parseJsonBody } from './http/json-body.js';
import { REQUEST_ID_HEADER, requestIdOf } from './http/request-id.js';
import { createLogger, type LogLevel } from './logging/logger.js';

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;

export interface BuildAppOptions {
  /** The service's name: in every log line and the OpenAPI title. */
  readonly name: string;
  readonly version?: string;
  readonly description?: string;
  readonly logLevel?: LogLevel;
  /** Where log lines go (stdout when omitted); tests pass a capture. */
  readonly logStream?: DestinationStream;
  /** Omit only for apps without protected routes. */
  readonly auth?: AuthOptions;
  readonly bodyLimit?: number;
  /** How long registering the service's plugins may take (default 120 s; Fastify's own default is 10 s). */
  readonly pluginTimeoutMs?: number;
}

/** Picks the token verification a parsed base config asks for. */
export function authOptionsFrom(config: {
  readonly JWT_SECRET?: string | undefined;
  readonly JWT_PUBLIC_KEY?: string | undefined;
  readonly OIDC_ISSUER?: string | undefined;
  readonly OIDC_AUDIENCE?: string | undefined;
  readonly OIDC_JWKS_URL?: string | undefined;
}): AuthOptions {
  const oidc = config.OIDC_ISSUER && config.OIDC_AUDIENCE
    ? { issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, ...(config.OIDC_JWKS_URL ? { jwksUrl: config.OIDC_JWKS_URL } : {}) }
    : undefined;
  const options: AuthOptions = {
    ...(config.JWT_SECRET ? { jwtSecret: config.JWT_SECRET } : config.JWT_PUBLIC_KEY ? { jwtPublicKey: config.JWT_PUBLIC_KEY } : {}),
    ...(oidc ? { oidc } : {}),
  };
  if (!options.jwtSecret && !options.jwtPublicKey && !options.oidc) {
    throw new Error('no JWT_SECRET, JWT_PUBLIC_KEY or OIDC_ISSUER: parse the config with serviceConfigSchema');
  }
  return options;
}

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const logger: FastifyBaseLogger = createLogger(options.logLevel ?? 'info', options.name, options.logStream);
  const app = Fastify({
    loggerInstance: logger,
    genReqId: requestIdOf,
    requestIdHeader: false,
    bodyLimit: options.bodyLimit ?? 1_048_576,
    return503OnClosing: true,
    // A service's start brings its schemas up to date and loads its registry and calendar before it listens:
    // on a busy machine that outlasts Fastify's 10 s default, and a start that gives up half-migrated helps
    // nobody. Readiness (/readyz) says when the read models have caught up.
    pluginTimeout: options.pluginTimeoutMs ?? 120_000,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // The kit's JSON parser: bad bytes and unstorable text are a 400 naming the field (http/json-body.ts).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(Buffer.isBuffer(body) ? body : Buffer.from(body)));
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)), undefined);
    }
  });
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  await app.register(problemHandlersPlugin);
  await app.register(healthPlugin);
  await app.register(docsPlugin, { title: options.name, version: options.version ?? '0.0.0', ...(options.description ? { description: options.description } : {}) });
  if (options.auth) {
    await app.register(authPlugin, options.auth);
    // From here on every route declares who may call it (auth/access.ts).
    await app.register(accessPlugin);
  }
  return app;
}
