// The outbox's options from the service's parsed configuration (config.ts reads the environment).
import type { HotlineConfig } from '../config.js';
import type { OutboxPluginOptions } from './index.js';

export function outboxOptionsFrom(config: HotlineConfig, clock: () => Date): OutboxPluginOptions {
  return {
    platforms: Object.fromEntries(config.platforms.map((p) => [p.id, { baseUrl: p.baseUrl, secret: p.secret }])),
    retry: {
      baseDelayMs: config.OUTBOX_RETRY_BASE_MS,
      factor: config.OUTBOX_RETRY_FACTOR,
      maxDelayMs: config.OUTBOX_RETRY_MAX_DELAY_MS,
      budgetMs: config.OUTBOX_RETRY_BUDGET_HOURS * 3_600_000,
      maxAttempts: config.OUTBOX_RETRY_MAX_ATTEMPTS,
    },
    timeoutMs: config.OUTBOX_TIMEOUT_MS,
    concurrency: config.OUTBOX_CONCURRENCY,
    pollMs: config.OUTBOX_POLL_MS,
    engine: { busyLingerMs: config.PROJECTION_BUSY_LINGER_MS },
    clock,
    ownership: config.ownership,
  };
}
