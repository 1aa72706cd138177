import t from 'tap';
import { z } from 'zod';
import { ConfigError, baseConfigSchema, parseConfig, serviceConfigSchema } from '@bureau/service-kit';

const good = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/bureau',
  JWT_SECRET: 'a'.repeat(32),
  CITY_ID: 'gz',
};

t.test('given a complete environment, when parsed, then defaults apply and the result is frozen', async (t) => {
  const config = parseConfig(baseConfigSchema, { ...good, PORT: '8080' });
  t.equal(config.PORT, 8080);
  t.equal(config.HOST, '127.0.0.1');
  t.equal(config.LOG_LEVEL, 'info');
  t.equal(config.NODE_ENV, 'development');
  t.ok(Object.isFrozen(config));
  t.equal(Reflect.set(config, 'PORT', 1), false, 'cannot be changed after start');
  t.equal(config.PORT, 8080);
});

t.test('given several bad variables, when parsed, then one error names each with its rule and no value', async (t) => {
  const secret = 'short-secret';
  const error = t.throws(() => parseConfig(baseConfigSchema, { DATABASE_URL: 'mysql://x/y', PORT: 'eighty', JWT_SECRET: secret, CITY_ID: 'gz' }));
  t.type(error, ConfigError);
  if (!(error instanceof ConfigError)) return;
  const variables = error.problems.map((p) => p.variable).sort();
  t.same(variables, ['DATABASE_URL', 'JWT_SECRET', 'PORT']);
  t.match(error.message, /DATABASE_URL: must be a postgres/);
  t.match(error.message, /JWT_SECRET: must be at least 32 characters/);
  t.notMatch(error.message, secret, 'secrets are never echoed');
});

t.test('given no way to verify tokens, when parsed, then it fails even alongside other problems', async (t) => {
  const error = t.throws(() => parseConfig(baseConfigSchema, { PORT: '99999' }));
  if (!(error instanceof ConfigError)) return t.fail('expected ConfigError');
  t.same(error.problems.map((p) => p.variable).sort(), ['CITY_ID', 'DATABASE_URL', 'JWT_SECRET', 'PORT']);
  t.match(error.message, /set JWT_SECRET .* or JWT_PUBLIC_KEY/);
});

t.test('given both a secret and a public key, when parsed, then it refuses the ambiguity', async (t) => {
  const error = t.throws(() =>
    parseConfig(baseConfigSchema, { ...good, JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nabc\n-----END PUBLIC KEY-----' }),
  );
  t.match(String(error), /JWT_PUBLIC_KEY: set only one/);
});

t.test('given a service schema extending the base, when parsed, then its own variables are typed and checked', async (t) => {
  const schema = serviceConfigSchema({ REVIEW_DAYS: z.coerce.number().int().positive().default(7) });
  t.equal(parseConfig(schema, good).REVIEW_DAYS, 7);
  t.equal(parseConfig(schema, { ...good, REVIEW_DAYS: '5' }).REVIEW_DAYS, 5);
  t.throws(() => parseConfig(schema, { ...good, REVIEW_DAYS: '-1' }), /REVIEW_DAYS/);
});

t.test('given empty strings, when parsed, then they count as unset', async (t) => {
  t.equal(parseConfig(baseConfigSchema, { ...good, PORT: '' }).PORT, 3000);
});

t.test('given a city id that is no organisation id, when parsed, then it names CITY_ID', async (t) => {
  t.throws(() => parseConfig(baseConfigSchema, { ...good, CITY_ID: 'Guang Zhou' }), /CITY_ID: an organisation id/);
});
