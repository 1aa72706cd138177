// The simulator's memory kept in PostgreSQL (schema hotline_simulator), so a restart forgets nothing the
// platform had: the orders it dispatched (else the centre's pending calls about them would be refused as
// unknown orders and dead-lettered), the answer it gave each idempotency key, and the serials of its
// order numbers (else a restarted simulator could issue a number again). Used when DATABASE_URL is set;
// tests and embedded uses keep everything in memory.
import pg from 'pg';
import type { KnownOrder, ReceivedCall, Receipt } from './platform-record.js';

export interface StoredAnswer {
  readonly key: string;
  readonly fingerprint: string;
  readonly receipt: Receipt;
  readonly call: ReceivedCall;
}

export interface RecordSnapshot {
  readonly orders: readonly KnownOrder[];
  /** In arrival order. */
  readonly answers: readonly StoredAnswer[];
}

/** Where the record writes through to; every write finishes before the platform answers or delivers. */
export interface RecordStore {
  load(): Promise<RecordSnapshot>;
  saveOrder(order: KnownOrder): Promise<void>;
  saveAnswer(answer: StoredAnswer): Promise<void>;
  close(): Promise<void>;
}

const SCHEMA = `
  create schema if not exists hotline_simulator;
  create table if not exists hotline_simulator.orders (
    order_no text primary key,
    dispatched_at text not null,
    message_id text not null
  );
  create table if not exists hotline_simulator.answers (
    seq bigint primary key,
    idempotency_key text not null unique,
    fingerprint text not null,
    receipt jsonb not null,
    call jsonb not null
  );`;

export async function postgresRecordStore(connectionString: string): Promise<RecordStore> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // A connection lost while checked out must not crash the simulator (the pool listens only to idle ones).
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Two simulators starting at once must not race on CREATE: one takes the lock, the other waits.
  const client = await pool.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('hotline_simulator schema'))`);
    await client.query(SCHEMA);
    await client.query(`select pg_advisory_unlock(hashtext('hotline_simulator schema'))`);
  } finally {
    client.release();
  }
  return {
    async load() {
      const orders = await pool.query<{ order_no: string; dispatched_at: string; message_id: string }>(
        'select order_no, dispatched_at, message_id from hotline_simulator.orders order by order_no');
      const answers = await pool.query<{ idempotency_key: string; fingerprint: string; receipt: Receipt; call: ReceivedCall }>(
        'select idempotency_key, fingerprint, receipt, call from hotline_simulator.answers order by seq');
      return {
        orders: orders.rows.map((r) => ({ orderNo: r.order_no, dispatchedAt: r.dispatched_at, messageId: r.message_id })),
        answers: answers.rows.map((r) => ({ key: r.idempotency_key, fingerprint: r.fingerprint, receipt: r.receipt, call: r.call })),
      };
    },
    async saveOrder(order) {
      await pool.query('insert into hotline_simulator.orders (order_no, dispatched_at, message_id) values ($1, $2, $3) on conflict do nothing',
        [order.orderNo, order.dispatchedAt, order.messageId]);
    },
    async saveAnswer(answer) {
      await pool.query('insert into hotline_simulator.answers (seq, idempotency_key, fingerprint, receipt, call) values ($1, $2, $3, $4, $5) on conflict do nothing',
        [answer.call.seq, answer.key, answer.fingerprint, JSON.stringify(answer.receipt), JSON.stringify(answer.call)]);
    },
    close: () => pool.end(),
  };
}
