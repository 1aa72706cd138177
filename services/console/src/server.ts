// Starts the console; closing (SIGTERM/SIGINT) is graceful: in-flight requests finish first.
import { configOrExit, listenWithGracefulShutdown } from '@bureau/service-kit';
import { buildConsoleApp } from './app.js';
import { loadConfig } from './config.js';

const config = configOrExit(loadConfig);
const app = await buildConsoleApp(config);
await listenWithGracefulShutdown(app, { host: config.HOST, port: config.PORT });
