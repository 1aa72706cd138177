// config.ts fails fast, listing every bad variable without echoing a value.
import t from 'tap';
import { ConfigError } from '@bureau/service-kit';
import { loadConfig } from '../../src/config.js';

const base = {
  DATABASE_URL: 'postgres://localhost/legal_aid', JWT_SECRET: 'x'.repeat(32), CITY_ID: 'gz', LEGAL_AID_IDENTITY_HASH_KEY: 'k'.repeat(32),
};

t.test('defaults: port 3300, the default number pattern, the law\'s limits', async (t) => {
  const config = loadConfig(base);
  t.equal(config.PORT, 3300);
  t.equal(config.LEGAL_AID_NUMBER_PATTERN, '{district}法援申〔{year}〕{sequence:5}号');
  t.strictSame(config.limits, {});
  t.ok(Object.isFrozen(config));
});

t.test('limits and short names from JSON', async (t) => {
  const config = loadConfig({
    ...base,
    LEGAL_AID_LIMITS: JSON.stringify({ review: { unit: 'calendar_days', amount: 7 } }),
    LEGAL_AID_DISTRICT_LIMITS: JSON.stringify({ 'huadu-legal-aid': { greenChannelReview: { unit: 'working_days', amount: 1 } } }),
    LEGAL_AID_DISTRICT_SHORT_NAMES: JSON.stringify({ huadu: '花' }),
  });
  t.strictSame(config.limits, { review: { unit: 'calendar_days', amount: 7 } });
  t.strictSame(config.districtLimits['huadu-legal-aid'], { greenChannelReview: { unit: 'working_days', amount: 1 } });
});

t.test('every bad variable is listed, no value echoed', async (t) => {
  const secretish = 'short-key-value';
  const error = t.throws(() => loadConfig({ ...base, LEGAL_AID_IDENTITY_HASH_KEY: secretish, LEGAL_AID_NUMBER_PATTERN: '法援{sequence}', LEGAL_AID_LIMITS: '{"review":{"unit":"weeks","amount":1}}' }));
  t.ok(error instanceof ConfigError);
  const message = String((error as Error).message);
  for (const variable of ['LEGAL_AID_IDENTITY_HASH_KEY', 'LEGAL_AID_NUMBER_PATTERN', 'LEGAL_AID_LIMITS']) t.match(message, variable);
  t.notOk(message.includes(secretish));
});
