// Counts kept between requests: counting a city-year's facts takes seconds, and a report asked for again
// while nothing was recorded should not count them again. What is counted as things stand is kept for the
// position the facts projection stood at (its active generation and checkpoint: its tables change only
// when that moves); what is counted as of a close is kept for as long as the generation lasts (the
// versions standing at a close never change once the projection has passed it).
import { createHash } from 'node:crypto';
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import { sql } from 'kysely';
import { FACTS_PROJECTION } from '../read-models/facts-projection.js';
import type { Db } from './fact-queries.js';

/** Runs `count` or hands back what an earlier run with the same inputs, at the same standing, gave. */
export type Remember = <T>(inputs: readonly unknown[], asOf: GlobalPosition | null, count: () => Promise<T>) => Promise<T>;

/** No keeping: every count is made afresh. */
export const countAfresh: Remember = (_inputs, _asOf, count) => count();

/** The most counts kept (each one period's rows at one standing: kilobytes for a district, hundreds of kilobytes for a province's hundred districts). */
const KEPT = 128;

export class FigureCache {
  private readonly kept = new Map<string, Promise<unknown>>();

  /** A `Remember` for one request, bound to where the facts projection stands now. */
  async at(db: Db): Promise<Remember> {
    const { rows } = await sql<{ generation: number; commit_position: string | null; prepare_position: string | null }>`
      SELECT generation, commit_position, prepare_position FROM projections.checkpoints WHERE projection = ${FACTS_PROJECTION} AND state = 'active'`.execute(db);
    const active = rows[0];
    if (!active) return countAfresh;
    const now = `now@${active.commit_position ?? '-'}/${active.prepare_position ?? '-'}`;
    return (inputs, asOf, count) => this.remember(keyOf([active.generation, asOf ? `asOf@${formatPosition(asOf)}` : now, ...inputs]), count);
  }

  private remember<T>(key: string, count: () => Promise<T>): Promise<T> {
    const hit = this.kept.get(key);
    if (hit) {
      // Most recently used last: the oldest goes first when full.
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit as Promise<T>;
    }
    const made = count();
    this.kept.set(key, made);
    made.catch(() => this.kept.delete(key));
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    return made;
  }
}

const keyOf = (parts: readonly unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
