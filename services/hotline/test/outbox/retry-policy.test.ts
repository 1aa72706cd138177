// Backoff, budget and the verdict on each answer: pure rules, no I/O.
import t from 'tap';
import { checkRetryPolicy, budgetSpent, defaultRetryPolicy, outageCoveredMs, retryDelayMs } from '@bureau/outbox';
import { verdictOf } from '../../src/outbox/platform-call.js';
import { outcomeOfTry } from '../../src/outbox/try-outcome.js';

const HOUR = 3_600_000;

t.test('the default delays start at 1 s, double, and stop growing at 5 min', async (t) => {
  const delays = [1, 2, 3, 4, 9, 10, 200].map((attempt) => retryDelayMs(defaultRetryPolicy, attempt, 0));
  t.same(delays, [1_000, 2_000, 4_000, 8_000, 256_000, 300_000, 300_000]);
});

t.test('jitter only ever shortens a delay, by at most its fraction', async (t) => {
  t.equal(retryDelayMs(defaultRetryPolicy, 3, 0.999_999), Math.round(4_000 * (1 - 0.2 * 0.999_999)));
  t.ok(retryDelayMs(defaultRetryPolicy, 3, 0.5) < 4_000 && retryDelayMs(defaultRetryPolicy, 3, 0.5) >= 3_200);
});

t.test('the default budget rides out a platform outage of a day, so certainly of an hour', async (t) => {
  const covered = outageCoveredMs(defaultRetryPolicy);
  t.ok(covered >= 23 * HOUR, `covers ${Math.round(covered / 60_000)} min`);
  t.doesNotThrow(() => checkRetryPolicy(defaultRetryPolicy, true));
});

t.test('a budget that would give up within an hour is refused at start', async (t) => {
  t.throws(() => checkRetryPolicy({ ...defaultRetryPolicy, maxAttempts: 12 }, true), /at least an hour/);
  t.throws(() => checkRetryPolicy({ ...defaultRetryPolicy, budgetMs: 30 * 60_000 }, true), /at least an hour/);
  t.throws(() => checkRetryPolicy({ ...defaultRetryPolicy, factor: 0.5 }, false), /factor/);
  t.throws(() => checkRetryPolicy({ ...defaultRetryPolicy, jitter: 1 }, false), /jitter/);
  t.doesNotThrow(() => checkRetryPolicy({ ...defaultRetryPolicy, budgetMs: 1_000 }, false), 'tests may shorten it');
});

t.test('the budget is spent by time or by tries, whichever comes first', async (t) => {
  const start = new Date('2025-11-03T00:00:00Z');
  t.notOk(budgetSpent(defaultRetryPolicy, 10, start, new Date(start.getTime() + HOUR)));
  t.ok(budgetSpent(defaultRetryPolicy, 10, start, new Date(start.getTime() + 24 * HOUR)));
  t.ok(budgetSpent(defaultRetryPolicy, defaultRetryPolicy.maxAttempts, start, new Date(start.getTime() + 1)));
});

t.test('2xx is delivered; 4xx is refused for good except 408/425/429; 5xx and silence are retried', async (t) => {
  const answered = (status: number) => ({ kind: 'answered' as const, status, body: null });
  t.equal(verdictOf(answered(200)), 'delivered');
  t.equal(verdictOf(answered(204)), 'delivered');
  for (const status of [400, 401, 404, 409, 422]) t.equal(verdictOf(answered(status)), 'rejected', String(status));
  for (const status of [408, 425, 429, 500, 502, 503, 504]) t.equal(verdictOf(answered(status)), 'retry', String(status));
  t.equal(verdictOf({ kind: 'no_answer', error: 'timeout after 10000 ms' }), 'retry');
});

t.test('the outcome of a try: next try after the backoff, dead letter with the problem, dead when the budget is spent', async (t) => {
  const start = new Date('2025-11-03T00:00:00Z');
  const now = new Date(start.getTime() + 10_000);
  const retry = outcomeOfTry({ attempt: 3, budgetStartedAt: start }, { kind: 'answered', status: 503, body: null }, defaultRetryPolicy, now, 0);
  t.same(retry, { kind: 'retry', at: now, status: 503, error: 'http 503', nextAttemptAt: new Date(now.getTime() + 4_000) });
  const problem = { type: 'about:blank', title: 'Not Found', status: 404 };
  const refused = outcomeOfTry({ attempt: 1, budgetStartedAt: start }, { kind: 'answered', status: 404, body: problem }, defaultRetryPolicy, now, 0);
  t.match(refused, { kind: 'dead', reason: 'rejected', status: 404, problem });
  const late = new Date(start.getTime() + 25 * HOUR);
  const spent = outcomeOfTry({ attempt: 290, budgetStartedAt: start }, { kind: 'no_answer', error: 'network: ECONNREFUSED' }, defaultRetryPolicy, late, 0);
  t.match(spent, { kind: 'dead', reason: 'retry_budget_spent', status: null, error: 'network: ECONNREFUSED' });
  t.same(outcomeOfTry({ attempt: 1, budgetStartedAt: start }, { kind: 'aborted' }, defaultRetryPolicy, now, 0), { kind: 'released', at: now });
});
