// Starts the notice board; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish, then
// the event store and the pool close.
import { configOrExit, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildNoticeBoard } from './app.js';
import { loadConfig } from './config.js';

const config = configOrExit(loadConfig);
const app = await buildNoticeBoard(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
