// Starts the audit service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, the anchor
// schedule and any verification job stop, then the event store and the pool close.
import { configOrExit, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildAuditApp } from './app.js';
import { loadConfig } from './config.js';

const config = configOrExit(loadConfig);
const app = await buildAuditApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
