// Counts kept between requests: counting a province-year's facts takes many seconds, and a report asked
// for again should not count them again. What is counted as things stand is kept for the position the
// facts projection stood at (its active generation and checkpoint: its tables change only when that
// moves); what is counted as of a close is kept for as long as the generation lasts (the versions
// standing at a close never change once the projection has passed it). Once the projection moves, the
// tallies as things stand are carried forward (count.ts): the last ones of the same inputs, with the
// facts' versions recorded and superseded since added and taken away. The tallies are also kept in the
// database (read-models/kept-tallies.ts), so that a start carries forward from them too.
import { createHash } from 'node:crypto';
import { formatPosition, type GlobalPosition } from '@bureau/event-store';
import { sql } from 'kysely';
import { FACTS_PROJECTION } from '../read-models/facts-projection.js';
import type { Carried, Keeping, Tallies } from './count.js';
import type { Db } from './fact-queries.js';

/** Runs `count` or hands back what an earlier run with the same inputs, at the same standing, gave. */
export type Remember = <T>(inputs: readonly unknown[], asOf: GlobalPosition | null, count: () => Promise<T>) => Promise<T>;

/** Runs `count` with the last tallies counted over the same inputs in memory (null: none), and keeps what it gives. */
export type Carry = (inputs: readonly unknown[], count: (since: Carried | null) => Promise<Carried>) => Promise<Tallies>;

/** What tallies count over, to keep them in the database under. */
export interface TallyInputs {
  readonly scopeId: string;
  readonly periodId: string;
  readonly standing: 'now' | 'closed';
  readonly inputs: readonly unknown[];
}

/** No keeping: every count is made afresh. */
export const countAfresh: Remember = (_inputs, _asOf, count) => count();
export const carryNothing: Carry = async (_inputs, count) => (await count(null)).tallies;

/** The most counts kept (each one period's rows at one standing: kilobytes for a district, hundreds of kilobytes for a province's hundred districts). */
const KEPT = 128;
/** The most tallies kept in memory to carry forward (one per scope, period and months judged asked for lately). */
const CARRIED = 32;

export class FigureCache {
  private readonly kept = new Map<string, Promise<unknown>>();
  private readonly carried = new Map<string, Promise<Carried>>();

  /** The keeping for one request, bound to where the facts projection stands now; `talliesTable` names a generation's kept tallies. */
  async at(db: Db, talliesTable: (generation: number) => string): Promise<{ remember: Remember; carry: Carry; keeping: (what: TallyInputs) => Keeping }> {
    const keeping = (what: TallyInputs): Keeping => ({
      key: { key: keyOf([what.standing, ...what.inputs]), scopeId: what.scopeId, periodId: what.periodId, standing: what.standing },
      tableOf: talliesTable,
    });
    const { rows } = await sql<{ generation: number; commit_position: string | null; prepare_position: string | null }>`
      SELECT generation, commit_position, prepare_position FROM projections.checkpoints WHERE projection = ${FACTS_PROJECTION} AND state = 'active'`.execute(db);
    const active = rows[0];
    if (!active) return { remember: countAfresh, carry: carryNothing, keeping };
    const now = `now@${active.commit_position ?? '-'}/${active.prepare_position ?? '-'}`;
    return {
      remember: (inputs, asOf, count) => keep(this.kept, KEPT, keyOf([active.generation, asOf ? `asOf@${formatPosition(asOf)}` : now, ...inputs]), count),
      // Keyed without the generation: count.ts carries forward only from tallies of the generation it counts.
      carry: (inputs, count) => this.carry(keyOf(inputs), count),
      keeping,
    };
  }

  private async carry(key: string, count: (since: Carried | null) => Promise<Carried>): Promise<Tallies> {
    const last = this.carried.get(key);
    const since = last ? await last.catch(() => null) : null;
    const made = count(since);
    // Kept unless another request's count replaced the last one meanwhile (either is a sound start).
    if (this.carried.get(key) === last) {
      this.carried.delete(key);
      this.carried.set(key, made);
      made.catch(() => this.carried.get(key) === made && this.carried.delete(key));
      while (this.carried.size > CARRIED) this.carried.delete(this.carried.keys().next().value!);
    }
    return (await made).tallies;
  }
}

function keep<T>(kept: Map<string, Promise<unknown>>, most: number, key: string, count: () => Promise<T>): Promise<T> {
  const hit = kept.get(key);
  if (hit) {
    // Most recently used last: the oldest goes first when full.
    kept.delete(key);
    kept.set(key, hit);
    return hit as Promise<T>;
  }
  const made = count();
  kept.set(key, made);
  made.catch(() => kept.delete(key));
  while (kept.size > most) kept.delete(kept.keys().next().value!);
  return made;
}

const keyOf = (parts: readonly unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
