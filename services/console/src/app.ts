// The console as a Fastify app on the service kit: the front end (bundled at build), the development
// sign-in when on, and the calls passed on to the services.
import { authOptionsFrom, buildApp, type App } from '@bureau/service-kit';
import type { DestinationStream } from 'pino';
import { devSignInOn, upstreamsOf, type ConsoleConfig } from './config.js';
import { buildFrontEnd } from './front-end/bundle.js';
import { devSignInRoutes } from './routes/dev-sign-in.js';
import { frontEndRoutes } from './routes/front-end.js';
import { proxyRoutes } from './routes/proxy.js';

export interface ConsoleAppOptions {
  readonly logStream?: DestinationStream;
}

export async function buildConsoleApp(config: ConsoleConfig, options: ConsoleAppOptions = {}): Promise<App> {
  const app = await buildApp({
    name: 'console',
    description: 'The web console: the pages the bureau\'s people work in, and their calls passed on to the services',
    logLevel: config.LOG_LEVEL,
    auth: authOptionsFrom(config),
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const development = devSignInOn(config);
  const frontEnd = await buildFrontEnd();
  await app.register(frontEndRoutes, {
    frontEnd,
    signIn: {
      development,
      ...(config.OIDC_ISSUER && config.OIDC_AUDIENCE ? { oidc: { issuer: config.OIDC_ISSUER, clientId: config.OIDC_AUDIENCE } } : {}),
    },
  });
  if (development && config.JWT_SECRET) await app.register(devSignInRoutes, { jwtSecret: config.JWT_SECRET });
  await app.register(proxyRoutes, { upstreams: upstreamsOf(config), timeoutMs: config.CONSOLE_UPSTREAM_TIMEOUT_MS });
  return app;
}
