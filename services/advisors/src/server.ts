// Starts the advisors service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then the
// projection engines, the timers' loop, the registry subscription, the event store and the pool close.
import { ConfigError, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildAdvisorsApp } from './app.js';
import { AdvisorsConfigError, loadConfig, type AdvisorsConfig } from './config.js';

function configOrExit(): AdvisorsConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof AdvisorsConfigError)) throw error;
    // No logger exists yet (its level is configuration): say what is wrong, plainly, and stop.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const app = await buildAdvisorsApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
