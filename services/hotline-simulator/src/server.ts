// Starts the simulator and owns graceful shutdown. Everything else is built in app.ts.
import closeWithGrace from 'close-with-grace';
import { createSimulator } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const simulator = createSimulator({
  platformId: config.platformId,
  secret: config.secret,
  webhookUrl: config.webhookUrl,
  followUp: config.followUp,
  retry: config.retry,
  orderPrefix: config.orderPrefix,
  ...(config.seed !== undefined ? { seed: config.seed } : {}),
  logger: { level: config.logLevel },
});

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) simulator.app.log.error({ err }, 'shutting down after an error');
  await simulator.close();
});

await simulator.app.listen({ port: config.port, host: config.host });
simulator.app.log.info({ platformId: config.platformId, webhookUrl: config.webhookUrl }, '12345 platform simulator ready');
