// Bearer tokens already verified, kept by their whole text (header, claims and signature: a token that
// differs in any byte is verified afresh) until they expire, so a reader sending the same token request
// after request pays the signature check and the claims' parsing once, not every time. A token is kept
// no longer than its `exp` (nor before its `nbf`), and at most KEPT_FOR_MS, so that a key the identity
// provider withdraws stops admitting its tokens within minutes; bounded, oldest out first.
import type { Actor } from '@bureau/event-store';

const KEPT_FOR_MS = 5 * 60_000;
const MAX_TOKENS = 10_000;

interface Kept {
  readonly actor: Actor;
  readonly notBefore: number;
  readonly until: number;
}

/** The registered time claims of a verified token's payload (seconds since the epoch). */
export interface TokenTimes {
  readonly exp?: unknown;
  readonly nbf?: unknown;
}

export class VerifiedTokens {
  readonly #kept = new Map<string, Kept>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxTokens = MAX_TOKENS,
    private readonly keptForMs = KEPT_FOR_MS,
  ) {}

  /** The actor of a token verified before and still within its time; undefined: verify it. */
  actorOf(token: string): Actor | undefined {
    const kept = this.#kept.get(token);
    if (kept === undefined) return undefined;
    const now = this.now();
    if (now >= kept.until) {
      this.#kept.delete(token);
      return undefined;
    }
    return now >= kept.notBefore ? kept.actor : undefined;
  }

  /** Keeps a token that has just been verified, with the actor its claims name. */
  keep(token: string, actor: Actor, times: TokenTimes): void {
    const now = this.now();
    const until = Math.min(now + this.keptForMs, typeof times.exp === 'number' ? times.exp * 1000 : Number.POSITIVE_INFINITY);
    if (until <= now) return;
    this.#kept.delete(token);
    this.#kept.set(token, { actor, notBefore: typeof times.nbf === 'number' ? times.nbf * 1000 : 0, until });
    while (this.#kept.size > this.maxTokens) {
      const oldest = this.#kept.keys().next().value;
      if (oldest === undefined) break;
      this.#kept.delete(oldest);
    }
  }
}
