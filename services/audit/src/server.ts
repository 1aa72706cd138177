// Starts the audit service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, the anchor
// schedule and any verification job stop, then the event store and the pool close.
import { ConfigError, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildAuditApp } from './app.js';
import { loadConfig, type AuditConfig } from './config.js';

function configOrExit(): AuditConfig {
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
const app = await buildAuditApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
