// The deliverer under load: while tries are in flight it claims only once half its slots are free, so
// claims come in batches, and it does not ask for the next due time while a finishing try will wake it.
// Real PostgreSQL and a real outbox table (the library's); the destination is a transport answering
// after a short while.
import { randomUUID } from 'node:crypto';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import t from 'tap';
import { OutboxDeliverer } from '../src/deliverer.js';
import { migrateOutbox } from '../src/migrate.js';
import { enqueueMessages } from '../src/queue-queries.js';
import type { Transport } from '../src/transport.js';
import { LOANS_OUTBOX, loanNotice, loansDatabase, quickRetry, silent } from './support/loans.js';

/** Counts the statements whose text contains a marker, and keeps the last parameter of each (a claim's limit). */
class StatementCounter implements KyselyPlugin {
  readonly counts = new Map<string, number>();
  readonly lastParameters = new Map<string, unknown[]>();
  constructor(private readonly markers: Record<string, string>) {}
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const text = node.kind === 'RawNode' ? node.sqlFragments.join('?') : '';
    for (const [name, marker] of Object.entries(this.markers)) {
      if (!text.includes(marker)) continue;
      this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      const last = node.kind === 'RawNode' ? node.parameters.at(-1) : undefined;
      const value = last && last.kind === 'ValueNode' ? (last as unknown as { value: unknown }).value : undefined;
      this.lastParameters.set(name, [...(this.lastParameters.get(name) ?? []), value]);
    }
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

t.test('40 messages, 8 slots, a destination answering in 30 ms: every one delivered, in far fewer claims than tries', async (t) => {
  const { db: plain } = await loansDatabase(t);
  await migrateOutbox(plain, LOANS_OUTBOX);
  const counter = new StatementCounter({ claims: 'claim_token = gen_random_uuid()', nextDue: 'ORDER BY c.next_attempt_at\n     LIMIT 1' });
  const db = plain.withPlugin(counter);
  const createdAt = new Date();
  await plain.transaction().execute((trx) =>
    enqueueMessages(trx, LOANS_OUTBOX, Array.from({ length: 40 }, () => loanNotice(randomUUID(), 'loan-returned', createdAt))),
  );
  let posts = 0;
  const transport: Transport = async () => {
    posts += 1;
    await new Promise((resolve) => setTimeout(resolve, 30));
    return { kind: 'delivered', status: 200 };
  };
  const deliverer = new OutboxDeliverer({
    db,
    table: LOANS_OUTBOX,
    transport,
    retry: quickRetry,
    timeoutMs: 1_000,
    leaseMs: 5_000,
    concurrency: 8,
    pollMs: 5_000,
    clock: () => new Date(),
    random: () => 0.5,
    logger: silent,
    committed: async () => undefined,
  });
  deliverer.start();
  t.teardown(() => deliverer.stop());
  const started = Date.now();
  for (;;) {
    const { pending } = (await plain.selectFrom(LOANS_OUTBOX).select((eb: any) => eb.fn.countAll().as('pending')).where('status', '=', 'pending').executeTakeFirstOrThrow()) as { pending: string };
    if (Number(pending) === 0) break;
    if (Date.now() - started > 20_000) throw new Error('not delivered in 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  t.equal(posts, 40, 'each message posted once');
  // Every claim asks for at least half the slots: 8 when idle, 4 or more while tries are in flight.
  const limits = (counter.lastParameters.get('claims') ?? []).map(Number);
  t.ok(limits.length > 0 && Math.min(...limits) >= 4, `claims in batches: limits ${limits.join(', ')}`);
  t.ok((counter.counts.get('nextDue') ?? 0) <= 5, `next due time asked only when nothing was in flight (${counter.counts.get('nextDue') ?? 0})`);
});
