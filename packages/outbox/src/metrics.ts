// The outbox as Prometheus gauges, for a service's /metrics: how many messages stand in each state
// (a growing `dead` or `held` wants staff; a growing `retrying` means the destination is in trouble), and
// how long the oldest owed message has waited.
import { renderGauges } from '@bureau/projections';
import type { OutboxStats } from './staff-queries.js';

export function outboxPrometheusMetrics(table: string, stats: OutboxStats, now: Date): string {
  const states = { pending: stats.pending, retrying: stats.retrying, held: stats.held, delivered: stats.delivered, dead: stats.dead, discarded: stats.discarded };
  return renderGauges([
    {
      name: 'outbox_messages',
      help: 'Messages by state (pending includes retrying and held ones).',
      samples: Object.entries(states).map(([state, value]) => ({ labels: { outbox: table, state }, value })),
    },
    {
      name: 'outbox_oldest_pending_seconds',
      help: 'Age in seconds of the oldest message still owed; 0 when none is.',
      samples: [{ labels: { outbox: table }, value: stats.oldestPendingAt ? Math.max(0, (now.getTime() - stats.oldestPendingAt.getTime()) / 1000) : 0 }],
    },
  ]);
}
