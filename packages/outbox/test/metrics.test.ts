// The outbox's Prometheus gauges: each state's count, and the age of the oldest owed message.
import t from 'tap';
import { outboxPrometheusMetrics } from '../src/index.js';

t.test('the outbox as Prometheus gauges', async (t) => {
  const now = new Date('2026-03-02T02:00:00Z');
  const text = outboxPrometheusMetrics('loans_outbox', {
    pending: 5, retrying: 2, held: 1, delivered: 40, dead: 1, discarded: 3,
    oldestPendingAt: new Date('2026-03-02T01:58:30Z'), nextAttemptAt: null, lastDeliveredAt: null,
  }, now);
  t.match(text, '# TYPE outbox_messages gauge');
  t.match(text, /^outbox_messages\{outbox="loans_outbox",state="dead"\} 1$/m);
  t.match(text, /^outbox_messages\{outbox="loans_outbox",state="held"\} 1$/m);
  t.match(text, /^outbox_messages\{outbox="loans_outbox",state="retrying"\} 2$/m);
  t.match(text, /^outbox_oldest_pending_seconds\{outbox="loans_outbox"\} 90$/m);
  const idle = outboxPrometheusMetrics('loans_outbox', { pending: 0, retrying: 0, held: 0, delivered: 0, dead: 0, discarded: 0, oldestPendingAt: null, nextAttemptAt: null, lastDeliveredAt: null }, now);
  t.match(idle, /^outbox_oldest_pending_seconds\{outbox="loans_outbox"\} 0$/m, 'nothing owed: 0');
});
