// Verify everything, as a job: started by a route, run in this process, its progress readable at a route
// while it runs, and its verdict recorded as an event (StoreVerified) when it ends. A process that stops
// mid-way loses the job, not a verdict: nothing is recorded until the pass is complete.
import type { EventStore } from '@bureau/event-store';
import { formatPosition, type Actor } from '@bureau/event-store';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { auditEvents, verificationStreamName } from '../events/audit-events.js';
import type { Finding, StreamHead } from './chain-checker.js';
import type { EventCount } from './count-events.js';
import type { StoredEventsReader } from './stored-events.js';
import { verifyStore } from './verify-store.js';

export interface VerificationJob {
  readonly jobId: string;
  status: 'running' | 'finished' | 'failed';
  readonly startedAt: string;
  finishedAt: string | null;
  /** The anchor compared with, if any. */
  readonly anchorId: string | null;
  /** Events in the store when the job began (an estimate for progress); null when the store cannot count them cheaply (EventStoreDB). */
  readonly totalEvents: number | null;
  checkedEvents: number;
  checkedStreams: number;
  intact: boolean | null;
  findings: Finding[];
}

export interface JobsContext {
  readonly store: EventStore;
  readonly cityId: string;
  readonly now: () => Date;
  readonly log: FastifyBaseLogger;
  /** How many events the store holds (for the progress figure), null when unknown. */
  readonly countEvents: EventCount;
  /** Worker threads to hash on (AUDIT_VERIFY_THREADS). */
  readonly threads: number;
  /** On PostgreSQL: the events as stored, hashed as read (stored-events.ts). */
  readonly storedEvents?: StoredEventsReader;
}

/** 0 to 1 by events (at most 0.99 until the job ends); null while running against a store of unknown size. */
export function jobProgress(job: Pick<VerificationJob, 'status' | 'totalEvents' | 'checkedEvents'>): number | null {
  if (job.status !== 'running') return 1;
  if (job.totalEvents === null) return null;
  return job.totalEvents === 0 ? 0 : Math.min(0.99, job.checkedEvents / job.totalEvents);
}

export class VerificationJobs {
  private readonly jobs = new Map<string, VerificationJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  constructor(private readonly ctx: JobsContext) {}

  get(jobId: string): VerificationJob | undefined {
    return this.jobs.get(jobId);
  }

  async start(by: Actor, anchor: { readonly anchorId: string; readonly heads: readonly StreamHead[] } | null): Promise<VerificationJob> {
    const job: VerificationJob = {
      jobId: randomUUID(),
      status: 'running',
      startedAt: this.ctx.now().toISOString(),
      finishedAt: null,
      anchorId: anchor?.anchorId ?? null,
      totalEvents: await this.ctx.countEvents(),
      checkedEvents: 0,
      checkedStreams: 0,
      intact: null,
      findings: [],
    };
    this.jobs.set(job.jobId, job);
    const run = this.run(job, by, anchor?.heads ?? []).finally(() => this.running.delete(run));
    this.running.add(run);
    return job;
  }

  private async run(job: VerificationJob, by: Actor, anchored: readonly StreamHead[]): Promise<void> {
    try {
      const verdict = await verifyStore(this.ctx.store, {
        anchored,
        threads: this.ctx.threads,
        ...(this.ctx.storedEvents ? { storedEvents: this.ctx.storedEvents } : {}),
        signal: this.abort.signal,
        onProgress: ({ events, streams }) => {
          job.checkedEvents = events;
          job.checkedStreams = streams;
        },
      });
      job.findings = [...verdict.findings];
      job.intact = verdict.intact;
      job.finishedAt = this.ctx.now().toISOString();
      const event = auditEvents.toAppend({
        type: 'StoreVerified',
        data: {
          jobId: job.jobId, intact: verdict.intact, events: verdict.events, streams: verdict.streams,
          upTo: verdict.upTo ? formatPosition(verdict.upTo) : null, anchorId: job.anchorId, findings: job.findings, finishedAt: job.finishedAt,
        },
      }, { id: job.jobId, envelope: { correlationId: job.jobId, causationId: job.jobId, actor: by, occurredAt: job.finishedAt } });
      await this.ctx.store.appendToStream(verificationStreamName(this.ctx.cityId), [event]);
      job.status = 'finished';
    } catch (err) {
      if (this.abort.signal.aborted) return;
      this.ctx.log.error({ err, jobId: job.jobId }, 'verification job failed');
      job.status = 'failed';
      job.finishedAt = this.ctx.now().toISOString();
    }
  }

  /** Stops running jobs (the app is closing). */
  async close(): Promise<void> {
    this.abort.abort();
    await Promise.allSettled([...this.running]);
  }
}
