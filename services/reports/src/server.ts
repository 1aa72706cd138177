// Starts the report service; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, the
// projection finishes its batch, the PDF renderer's browser, the event store and the pool close.
import { configOrExit, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildReportsApp } from './app.js';
import { loadConfig } from './config.js';

const config = configOrExit(loadConfig);
const app = await buildReportsApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
