// Starts the legal-aid service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then the
// reconciler, the timers, the projection engine, the calendar subscription, the event store and the pool.
import { configOrExit, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildLegalAidApp } from './app.js';
import { loadConfig } from './config.js';

const config = configOrExit(loadConfig);
const app = await buildLegalAidApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
