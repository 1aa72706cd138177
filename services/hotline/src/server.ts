// Starts the hotline service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then the
// projection engine, the calendar subscription, the event store and the pool close.
import { ConfigError, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildHotlineApp } from './app.js';
import { HotlineConfigError, loadConfig, type HotlineConfig } from './config.js';

function configOrExit(): HotlineConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof HotlineConfigError)) throw error;
    // No logger exists yet (its level is configuration): say what is wrong, plainly, and stop.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

const config = configOrExit();
const app = await buildHotlineApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
