import t from 'tap';
import { Wakeup, backoffDelayMs, errorFacts, sleep } from '../src/index.js';

t.test('a wake while the loop is busy is remembered; clear() forgets it', async (t) => {
  const wakeup = new Wakeup();
  wakeup.wake();
  const started = Date.now();
  await wakeup.sleep(5_000);
  t.ok(Date.now() - started < 1_000, 'the remembered wake ended the sleep at once');
  wakeup.wake();
  wakeup.clear();
  const second = Date.now();
  await wakeup.sleep(50);
  t.ok(Date.now() - second >= 45, 'a cleared wake does not cut the sleep short');
});

t.test('a wake during the sleep ends it; an abort ends it', async (t) => {
  const wakeup = new Wakeup();
  const started = Date.now();
  setTimeout(() => wakeup.wake(), 20);
  await wakeup.sleep(5_000);
  t.ok(Date.now() - started < 1_000);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  const aborted = Date.now();
  await wakeup.sleep(5_000, controller.signal);
  await sleep(5_000, controller.signal);
  t.ok(Date.now() - aborted < 1_000);
});

t.test('backoff doubles from the base, is capped, and jitter only shortens', async (t) => {
  const backoff = { baseDelayMs: 1_000, maxDelayMs: 300_000 };
  t.same([1, 2, 3, 4, 9, 10, 1_000].map((n) => backoffDelayMs(backoff, n)), [1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
  t.equal(backoffDelayMs({ ...backoff, factor: 3 }, 3), 9_000);
  t.equal(backoffDelayMs({ ...backoff, jitter: 0.2 }, 1, 0.5), 900);
  t.equal(backoffDelayMs({ ...backoff, jitter: 0.2 }, 1, 0), 1_000);
});

t.test('error facts name the type and code, never the message', async (t) => {
  const error = Object.assign(new Error('张三 13800000000'), { code: '23505' });
  t.same(errorFacts(error), { type: 'Error', code: '23505' });
  t.same(errorFacts('boom'), { type: 'string' });
  t.notMatch(JSON.stringify(errorFacts(error)), /张三/);
});
