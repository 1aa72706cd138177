// The anchor schedule, a durable loop: its only memory is the anchor stream itself. On each look it reads
// the last anchor; when none is younger than the interval it records one (guarded by the stream's
// revision, so of several processes one records it), then sleeps until the next is due (at most the
// check interval). A restart resumes from the stream: nothing is lost, nothing recorded twice.
import type { FastifyBaseLogger } from 'fastify';
import { listAnchors, makeAnchor, type AnchorContext } from './make-anchor.js';

export interface ScheduleOptions {
  readonly intervalMs: number;
  readonly checkMs: number;
  readonly log: FastifyBaseLogger;
}

/** One look: records an anchor if one is due; returns how long until the next is. */
export async function anchorIfDue(ctx: AnchorContext, intervalMs: number): Promise<number> {
  const anchors = await listAnchors(ctx.store, ctx.cityId);
  const last = anchors.at(-1);
  const age = last ? ctx.now().getTime() - Date.parse(last.anchor.createdAt) : Number.POSITIVE_INFINITY;
  if (age < intervalMs) return intervalMs - age;
  await makeAnchor(ctx, anchors.length);
  return intervalMs;
}

export function startAnchorSchedule(ctx: AnchorContext, options: ScheduleOptions): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      let wait = options.checkMs;
      try {
        wait = Math.min(options.checkMs, await anchorIfDue(ctx, options.intervalMs));
      } catch (err) {
        options.log.error({ err }, 'anchor schedule: could not record an anchor; will try again');
      }
      if (!stopped) timer = setTimeout(tick, Math.max(10, wait));
    })();
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
