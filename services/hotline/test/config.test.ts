// Configuration: platforms (one by variables, several as JSON), limit overrides, fail-fast messages.
import t from 'tap';
import { ConfigError } from '@bureau/service-kit';
import { HotlineConfigError, loadConfig } from '../src/config.js';

const base = { DATABASE_URL: 'postgres://localhost/hotline', JWT_SECRET: 'hotline-test-secret-0123456789abcdef', CITY_ID: 'gz', HOTLINE_CENTRE_ID: 'huadu-plsc' };
const one = { PLATFORM_ID: 'gz12345', PLATFORM_SECRET: 'a-secret-of-16-chars', PLATFORM_BASE_URL: 'http://127.0.0.1:3190' };

t.test('one platform by variables, defaults for the rest', async (t) => {
  const config = loadConfig({ ...base, ...one });
  t.same(config.platforms, [{ id: 'gz12345', secret: 'a-secret-of-16-chars', baseUrl: 'http://127.0.0.1:3190' }]);
  t.equal(config.PORT, 3200, 'the port the simulator calls by default');
  t.equal(config.READ_YOUR_WRITES_WAIT_MS, 2000);
  t.same(config.limits, {});
  t.ok(Object.isFrozen(config));
});

t.test('several platforms as JSON, and limit overrides', async (t) => {
  const config = loadConfig({
    ...base,
    HOTLINE_PLATFORMS: JSON.stringify([
      { id: 'gz12345', secret: 'a-secret-of-16-chars', baseUrl: 'http://127.0.0.1:3190' },
      { id: 'sz12345', secret: 'another-secret-16ch', baseUrl: 'https://12345.example' },
    ]),
    HOTLINE_SIGN_FOR_WORKING_HOURS: '4',
    HOTLINE_EXTENSION_CAP_WORKING_DAYS: '15',
    HOTLINE_NOTICE_AFTER_URGES_WHILE_OVERDUE: 'off',
    HOTLINE_REPLY_WORKING_DAYS: '{"consultation":3}',
  });
  t.same(config.platforms.map((p) => p.id), ['gz12345', 'sz12345']);
  t.same(config.limits, { signForWorkingHours: 4, extensionCapWorkingDays: 15, noticeAfterUrgesWhileOverdue: null, replyWorkingDays: { consultation: 3 } });
});

t.test('bad variables are all named, values never echoed', async (t) => {
  const error = t.throws(() =>
    loadConfig({ ...base, ...one, PLATFORM_SECRET: 'short', HOTLINE_PLATFORMS: 'not json', HOTLINE_REPLY_WORKING_DAYS: '{"gossip":1}', HOTLINE_SIGN_FOR_WORKING_HOURS: '0' }),
  );
  t.type(error, ConfigError);
  const variables = error instanceof ConfigError ? error.problems.map((p) => p.variable).sort() : [];
  t.same(variables, ['HOTLINE_PLATFORMS', 'HOTLINE_REPLY_WORKING_DAYS', 'HOTLINE_SIGN_FOR_WORKING_HOURS', 'PLATFORM_SECRET']);
  t.notMatch(String(error), 'short');
});

t.test('no platform, a half-configured one, or one twice: a clear refusal', async (t) => {
  t.throws(() => loadConfig(base), HotlineConfigError);
  t.throws(() => loadConfig({ ...base, PLATFORM_ID: 'gz12345' }), { message: /set all three/ });
  const twice = JSON.stringify([{ id: 'gz12345', secret: 'a-secret-of-16-chars', baseUrl: 'http://127.0.0.1:3190' }]);
  t.throws(() => loadConfig({ ...base, ...one, HOTLINE_PLATFORMS: twice }), { message: /gz12345 is configured twice/ });
});

t.test('the centre office hours: parsed when set, refused with a clear message when malformed', async (t) => {
  t.equal(loadConfig({ ...base, ...one }).HOTLINE_OFFICE_HOURS, undefined, 'unset: the calendar default, as before');
  t.same(loadConfig({ ...base, ...one, HOTLINE_OFFICE_HOURS: '08:30-12:00, 14:00-17:30' }).HOTLINE_OFFICE_HOURS, [
    { start: '08:30', end: '12:00' },
    { start: '14:00', end: '17:30' },
  ]);
  for (const [bad, reason] of [['8:30-12:00', /not a period HH:MM-HH:MM/], ['14:00-17:30,08:30-12:00', /overlaps or precedes/], ['12:00-08:30', /ends before it starts/], ['08:30-25:00', /clock times/]] as const) {
    const error = t.throws(() => loadConfig({ ...base, ...one, HOTLINE_OFFICE_HOURS: bad }));
    t.type(error, ConfigError);
    const problem = error instanceof ConfigError ? error.problems.find((p) => p.variable === 'HOTLINE_OFFICE_HOURS') : undefined;
    t.match(problem?.rule, reason, bad);
  }
});

t.test('ownership: a platform\'s orders belong to its own centre when configured, else to HOTLINE_CENTRE_ID', async (t) => {
  const config = loadConfig({
    ...base,
    HOTLINE_PLATFORMS: JSON.stringify([
      { id: 'gz12345', secret: 'a-secret-of-16-chars', baseUrl: 'http://127.0.0.1:3190' },
      { id: 'by12345', secret: 'b-secret-of-16-chars', baseUrl: 'http://127.0.0.1:3191', centreId: 'baiyun-plsc' },
    ]),
  });
  t.equal(config.ownership.centreOf('gz12345'), 'huadu-plsc');
  t.equal(config.ownership.centreOf('by12345'), 'baiyun-plsc');
  t.equal(config.ownership.centreOf('retired-platform'), 'huadu-plsc', 'an old order of a platform no longer configured stays with the deployment\'s centre');
  t.throws(() => loadConfig({ ...base, ...one, HOTLINE_CENTRE_ID: undefined, CITY_ID: undefined }), ConfigError, 'the centre and the city are required');
});
