// Starts the simulator and owns graceful shutdown. Everything else is built in app.ts.
import closeWithGrace from 'close-with-grace';
import { createSimulator } from './app.js';
import { loadConfig } from './config.js';
import { postgresRecordStore } from './durable-record.js';

const config = loadConfig();
const store = config.databaseUrl ? await postgresRecordStore(config.databaseUrl) : undefined;
const simulator = createSimulator({
  platformId: config.platformId,
  secret: config.secret,
  webhookUrl: config.webhookUrl,
  followUp: config.followUp,
  retry: config.retry,
  orderPrefix: config.orderPrefix,
  ...(config.seed !== undefined ? { seed: config.seed } : {}),
  logger: { level: config.logLevel },
  ...(store ? { durable: { store, loaded: await store.load() } } : {}),
});

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) simulator.app.log.error({ err }, 'shutting down after an error');
  await simulator.close();
});

await simulator.app.listen({ port: config.port, host: config.host });
simulator.app.log.info({ platformId: config.platformId, webhookUrl: config.webhookUrl, durable: store !== undefined }, '12345 platform simulator ready; OpenAPI at /docs');
