// Starts the notice board; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then
// the event store and the pool close.
import { ConfigError, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildNoticeBoard } from './app.js';
import { loadConfig, type ExampleConfig } from './config.js';

function configOrExit(): ExampleConfig {
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
const app = await buildNoticeBoard(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
