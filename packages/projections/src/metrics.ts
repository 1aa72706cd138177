// Prometheus text exposition (format 0.0.4) of projection status, for a service's /metrics route.
import { parsePosition } from '@bureau/event-store';
import type { ProjectionState, ProjectionStatus } from './status.js';

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const STATES: readonly ProjectionState[] = ['running', 'standby', 'parked', 'rebuilding', 'stopped'];

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

/** One Prometheus gauge and its samples; other packages' metrics (the outbox's) render through here too. */
export interface Gauge {
  readonly name: string;
  readonly help: string;
  readonly samples: ReadonlyArray<{ readonly labels: Record<string, string>; readonly value: number }>;
}

/** Prometheus text of gauges, ready to be appended to a /metrics answer. */
export function renderGauges(gauges: readonly Gauge[]): string {
  return `${gauges.map(render).join('\n')}\n`;
}

function render(gauge: Gauge): string {
  const lines = [`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`];
  for (const s of gauge.samples) {
    const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${label(v)}"`).join(',');
    lines.push(`${gauge.name}{${labels}} ${Number.isFinite(s.value) ? s.value : 'NaN'}`);
  }
  return lines.join('\n');
}

/**
 * projection_checkpoint_position carries the checkpoint's `prepare` part: with the PostgreSQL store that
 * is the event's global sequence number, so its rate is the projection's throughput.
 */
export function prometheusMetrics(statuses: readonly ProjectionStatus[]): string {
  const per = (value: (s: ProjectionStatus) => number) => statuses.map((s) => ({ labels: { projection: s.name }, value: value(s) }));
  const gauges: Gauge[] = [
    { name: 'projection_events_behind', help: 'Matching events after the checkpoint (capped).', samples: per((s) => s.eventsBehind) },
    { name: 'projection_seconds_behind', help: 'Age in seconds of the oldest event not yet applied; 0 when caught up.', samples: per((s) => s.secondsBehind) },
    {
      name: 'projection_status',
      help: '1 for the projection\'s current status, 0 for the others.',
      samples: statuses.flatMap((s) => STATES.map((state) => ({ labels: { projection: s.name, status: state }, value: s.status === state ? 1 : 0 }))),
    },
    {
      name: 'projection_checkpoint_position',
      help: 'Prepare part of the served checkpoint position (0 before the first event).',
      samples: per((s) => Number((s.checkpoint && parsePosition(s.checkpoint)?.prepare) ?? 0n)),
    },
    { name: 'projection_standbys', help: 'Processes waiting to take over the projection.', samples: per((s) => s.standbys) },
  ];
  return renderGauges(gauges);
}
