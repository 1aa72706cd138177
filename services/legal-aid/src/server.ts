// Starts the legal-aid service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then the
// reconciler, the timers, the projection engine, the calendar subscription, the event store and the pool.
import { ConfigError, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildLegalAidApp } from './app.js';
import { loadConfig, type LegalAidConfig } from './config.js';

function configOrExit(): LegalAidConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No logger exists yet (its level is configuration): say what is wrong, plainly, and stop.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const app = await buildLegalAidApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
