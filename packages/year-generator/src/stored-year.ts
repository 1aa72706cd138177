// A generated year kept on disk and restored instead of generated again (benchmarks: a province-year
// takes many minutes to generate, seconds to restore). What is kept is the event store's two tables,
// as PostgreSQL's binary COPY, gzipped, and the generator's summary beside them: the events in their
// order in $all, each with its stream, revision, id, type, data, metadata, time recorded and hash, so
// the restored store is the generated one, hash chains included. Restored, the events take the
// restoring transaction's id and new sequence numbers in that same order (positions are the new
// store's: a year restored into a fresh database reads as if written in one transaction).
//
// Why not pg_dump: the embedded PostgreSQL the project runs (17) ships no pg_dump, and an older
// pg_dump refuses a newer server. COPY needs nothing but the connection.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGunzip, createGzip } from 'node:zlib';
import type pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { YearSummary } from './generate-year.js';

/** Bumped when the file's layout changes; the generator's own source is part of the key too. */
const FORMAT = 'copy-v1';

const STREAMS_OUT = 'COPY (select stream_name, revision, last_hash from event_store.streams order by stream_name) TO STDOUT (FORMAT binary)';
const EVENTS_OUT = `COPY (select stream_name, revision, event_id, type, data, metadata, recorded_at, hash from event_store.events
  order by transaction_id, sequence) TO STDOUT (FORMAT binary)`;
const STREAMS_IN = 'COPY event_store.streams (stream_name, revision, last_hash) FROM STDIN (FORMAT binary)';
const EVENTS_IN = 'COPY event_store.events (stream_name, revision, event_id, type, data, metadata, recorded_at, hash) FROM STDIN (FORMAT binary)';

/**
 * A digest of the generator's own source: a stored year is used only by the generator that wrote it.
 * (The services' deciders are not in it: after a change to what a decider emits, regenerate.)
 */
export function generatorDigest(): string {
  const dir = dirname(fileURLToPath(import.meta.url));
  const hash = createHash('sha256').update(FORMAT);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) hash.update(`${file}\n`).update(readFileSync(join(dir, file)));
  return hash.digest('hex').slice(0, 12);
}

export interface StoredYearKey {
  readonly year: number;
  readonly scale: number;
  readonly seed: string;
}

export interface StoredYear {
  /** The summary the generator gave when it wrote the year (its elapsedMs is the generation's). */
  readonly summary: YearSummary;
  readonly events: number;
  readonly streams: number;
  readonly bytes: number;
}

/** The files' common path (without suffix) for a key, in `dir`. */
export function storedYearBase(dir: string, key: StoredYearKey): string {
  const seed = key.seed.replace(/[^A-Za-z0-9_-]/g, '_');
  return join(dir, `year-${key.year}-x${key.scale}-${seed}-${generatorDigest()}`);
}

/** The stored year for the key, if it was kept whole (the manifest is written last). */
export function findStoredYear(dir: string, key: StoredYearKey): StoredYear | undefined {
  const manifest = `${storedYearBase(dir, key)}.json`;
  if (!existsSync(manifest)) return undefined;
  return JSON.parse(readFileSync(manifest, 'utf8')) as StoredYear;
}

async function copyOut(client: pg.PoolClient, sql: string, path: string): Promise<void> {
  await pipeline(client.query(copyTo(sql)), createGzip({ level: 1 }), createWriteStream(path));
}

/** Keeps the store's events (all of them: the database should hold only the generated year) under `dir`. */
export async function saveStoredYear(pool: pg.Pool, dir: string, key: StoredYearKey, summary: YearSummary): Promise<StoredYear> {
  mkdirSync(dir, { recursive: true });
  const base = storedYearBase(dir, key);
  const client = await pool.connect();
  try {
    // One snapshot for both tables and the counts.
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ events: string; streams: string }>(
      'select (select count(*) from event_store.events) as events, (select count(*) from event_store.streams) as streams');
    await copyOut(client, STREAMS_OUT, `${base}.streams.tmp`);
    await copyOut(client, EVENTS_OUT, `${base}.events.tmp`);
    await client.query('commit');
    renameSync(`${base}.streams.tmp`, `${base}.streams.copy.gz`);
    renameSync(`${base}.events.tmp`, `${base}.events.copy.gz`);
    const stored: StoredYear = {
      summary, events: Number(rows[0]?.events ?? 0), streams: Number(rows[0]?.streams ?? 0),
      bytes: statSync(`${base}.streams.copy.gz`).size + statSync(`${base}.events.copy.gz`).size,
    };
    writeFileSync(`${base}.json`, `${JSON.stringify(stored, null, 2)}\n`);
    return stored;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    for (const suffix of ['.streams.tmp', '.events.tmp']) rmSync(`${base}${suffix}`, { force: true });
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Restores a stored year into an empty event store (migrated, nothing appended yet), in one
 * transaction. Throws when the store already holds events or no year is stored for the key.
 */
export async function restoreStoredYear(pool: pg.Pool, dir: string, key: StoredYearKey): Promise<StoredYear> {
  const stored = findStoredYear(dir, key);
  if (!stored) throw new Error(`no stored year for ${JSON.stringify(key)} in ${dir}`);
  const base = storedYearBase(dir, key);
  const client = await pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ any: boolean }>('select exists (select 1 from event_store.streams) as any');
    if (rows[0]?.any) throw new Error('restoreStoredYear: the event store is not empty');
    await pipeline(createReadStream(`${base}.streams.copy.gz`), createGunzip(), client.query(copyFrom(STREAMS_IN)));
    await pipeline(createReadStream(`${base}.events.copy.gz`), createGunzip(), client.query(copyFrom(EVENTS_IN)));
    const counted = await client.query<{ events: string }>('select count(*) as events from event_store.events');
    if (Number(counted.rows[0]?.events) !== stored.events) throw new Error(`restored ${counted.rows[0]?.events} events, the manifest says ${stored.events}`);
    await client.query('commit');
    return stored;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
