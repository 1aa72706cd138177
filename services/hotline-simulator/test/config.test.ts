import t from 'tap';
import { loadConfig } from '../src/config.js';

const secret = 'a-secret-of-some-length';

t.test('defaults, and the webhook URL derived from the centre base URL', async (t) => {
  const config = loadConfig({ PLATFORM_SECRET: secret });
  t.match(config, { port: 3190, host: '127.0.0.1', platformId: 'gz12345', followUp: { auto: false }, retry: { tries: 3 } });
  t.equal(config.webhookUrl, 'http://127.0.0.1:3200/integrations/12345/gz12345/messages');
  t.ok(Object.isFrozen(config));
  const custom = loadConfig({ PLATFORM_SECRET: secret, PLATFORM_ID: 'sz12345', CENTRE_BASE_URL: 'http://centre:8080', FOLLOWUP_AUTO: 'true', DELIVERY_TRIES: '5' });
  t.equal(custom.webhookUrl, 'http://centre:8080/integrations/12345/sz12345/messages');
  t.match(custom, { followUp: { auto: true }, retry: { tries: 5 } });
  t.equal(loadConfig({ PLATFORM_SECRET: secret, CENTRE_WEBHOOK_URL: 'http://x/hook' }).webhookUrl, 'http://x/hook');
});

t.test('bad configuration fails fast, naming the setting', async (t) => {
  t.throws(() => loadConfig({}), /PLATFORM_SECRET is required/);
  t.throws(() => loadConfig({ PLATFORM_SECRET: 'short' }), /PLATFORM_SECRET must be at least 16/);
  t.throws(() => loadConfig({ PLATFORM_SECRET: secret, FOLLOWUP_AUTO: 'maybe' }), /FOLLOWUP_AUTO/);
  t.throws(() => loadConfig({ PLATFORM_SECRET: secret, PORT: 'eighty' }), /PORT/);
});
