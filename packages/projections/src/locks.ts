// Session advisory locks on one dedicated connection: "this process runs projection X". If the process
// dies or the connection drops, PostgreSQL releases the locks and a standby takes over. A standby holds
// a shared "standby" lock meanwhile, only so that status can count the standbys.
import { errorFacts } from '@bureau/loop-kit';
import pg from 'pg';
import type { Logger } from './logger.js';

export const runnerLockKey = (projection: string) => `bureau.projection:${projection}`;
export const standbyLockKey = (projection: string) => `bureau.projection-standby:${projection}`;
export const rebuildLockKey = (projection: string) => `bureau.projection-rebuild:${projection}`;

/** Same key derivation in SQL everywhere (status reads pg_locks with it). */
export const LOCK_KEY_SQL = 'hashtextextended($1, 0)';

export class LockConnection {
  private client: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private readonly held = new Set<string>();
  private readonly lostListeners = new Set<() => void>();

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly logger: Logger,
  ) {}

  /** Called (once per loss) when the connection drops: every lock it held is gone. */
  onLost(listener: () => void): () => void {
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }

  isHeld(key: string): boolean {
    return this.client !== undefined && this.held.has(key);
  }

  async tryLock(key: string): Promise<boolean> {
    if (this.isHeld(key)) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${LOCK_KEY_SQL}) AS ok`, [key]);
    if (rows[0]?.ok) this.held.add(key);
    return rows[0]?.ok === true;
  }

  async lockShared(key: string): Promise<void> {
    if (this.isHeld(key)) return;
    const client = await this.connect();
    await client.query(`SELECT pg_advisory_lock_shared(${LOCK_KEY_SQL})`, [key]);
    this.held.add(key);
  }

  async unlock(key: string, shared = false): Promise<void> {
    if (!this.held.delete(key) || !this.client) return;
    const fn = shared ? 'pg_advisory_unlock_shared' : 'pg_advisory_unlock';
    await this.client.query(`SELECT ${fn}(${LOCK_KEY_SQL})`, [key]).catch((error: unknown) => {
      this.logger.warn({ err: errorFacts(error) }, 'projection lock release failed; the connection drop releases it');
    });
  }

  /** Drops the connection, and with it every lock. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...this.config, application_name: 'bureau-projections-lock' });
      client.on('error', (error) => this.lost(client, error));
      client.on('end', () => this.lost(client, undefined));
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = undefined;
    });
    return await this.connecting;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = undefined;
    const hadLocks = this.held.size > 0;
    this.held.clear();
    client.end().catch(() => undefined);
    if (hadLocks) this.logger.warn({ err: errorFacts(error) }, 'projection lock connection lost; locks released');
    for (const listener of this.lostListeners) listener();
  }
}
