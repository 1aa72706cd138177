import { randomUUID } from 'node:crypto';
import t from 'tap';
import { commandEventId, handleCommand, IdempotencyKeyReusedError, InvalidEventDataError, PreconditionFailedError, readStreamState, type CommandContext } from '@bureau/service-kit';
import { StreamNotFoundError, WrongExpectedRevisionError, type EventStore } from '@bureau/event-store';
import { DomainRuleError } from '@bureau/service-kit/domain';
import { freshStore, readAllOf, withRivalWriter } from './fixtures/store.js';
import { tallyDecider, tallyRegistry, type TallyCommand } from './fixtures/tally.js';

const actor = { id: 'u-1', role: 'centre_staff', organisation: 'huadu-plsc' };
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({ commandId: randomUUID(), actor, correlationId: 'req-1', ...overrides });
const open = (limit: number): TallyCommand => ({ type: 'OpenTally', data: { limit } });
const increment = (by: number): TallyCommand => ({ type: 'Increment', data: { by } });
const rejection = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error);

t.test('handleCommand against PostgreSQL', async (t) => {
  const store = await freshStore(t);
  let n = 0;
  const stream = () => `tally-${++n}`;
  const run = (streamName: string, command: TallyCommand, ctx = context(), maxRetries?: number, over = store) =>
    handleCommand({ store: over, registry: tallyRegistry, decider: tallyDecider, streamName, command, context: ctx, ...(maxRetries !== undefined ? { maxRetries } : {}) });

  t.test('given no stream, when a command is decided, then its events are appended with the envelope', async (t) => {
    const name = stream();
    const ctx = context({ occurredAt: new Date('2025-03-03T08:00:00Z') });
    const result = await run(name, open(5), ctx);
    t.same(result.events, [{ type: 'TallyOpened', data: { limit: 5 } }]);
    t.equal(result.nextExpectedRevision, 0n);
    t.equal(result.alreadyApplied, false);
    const [stored] = await readAllOf(store, name);
    t.equal(stored?.id, commandEventId(ctx.commandId, 0), 'the event id derives from the commandId');
    t.same(stored?.position, result.position, 'the result carries the global position');
    t.same(stored?.metadata, {
      commandId: ctx.commandId, correlationId: 'req-1', causationId: ctx.commandId, actor,
      occurredAt: '2025-03-03T08:00:00.000Z', schemaVersion: 1,
    });
  });

  t.test('given the same commandId again, when retried, then the first result returns and nothing is written', async (t) => {
    const name = stream();
    await run(name, open(5));
    const ctx = context();
    const first = await run(name, increment(2), ctx);
    await run(name, increment(1)); // the stream moves on in between
    const again = await run(name, increment(2), ctx);
    t.equal(again.alreadyApplied, true);
    t.same(again.position, first.position);
    t.equal(again.nextExpectedRevision, first.nextExpectedRevision);
    t.same(again.events, first.events);
    t.equal((await readAllOf(store, name)).length, 3, 'open, +2, +1: the retry wrote nothing');
  });

  t.test('given the same command sent twice at once, then it is applied once and both get the same result', async (t) => {
    const name = stream();
    await run(name, open(5));
    const ctx = context();
    const [a, b] = await Promise.all([run(name, increment(1), ctx), run(name, increment(1), ctx)]);
    t.same(a.position, b.position);
    t.equal((await readAllOf(store, name)).length, 2);
  });

  t.test('given another writer appends between read and write, then it re-reads and decides again', async (t) => {
    const name = stream();
    await run(name, open(3));
    const rival = withRivalWriter(store, 1, { type: 'TallyIncremented', data: { by: 2 } });
    const result = await run(name, increment(1), context(), undefined, rival.store);
    t.equal(rival.attempts(), 2);
    t.equal(result.nextExpectedRevision, 2n);
    // The re-decision saw the rival's +2: one more +1 now breaks the limit of 3.
    t.match(await rejection(run(name, increment(1))), { rule: 'tally_limit_reached' });
  });

  t.test('given writers that always get in first, then it gives up after the bounded retries with a conflict', async (t) => {
    const name = stream();
    await run(name, open(100));
    const always = withRivalWriter(store, 99, { type: 'TallyIncremented', data: { by: 1 } });
    await t.rejects(run(name, increment(1), context(), undefined, always.store), WrongExpectedRevisionError);
    t.equal(always.attempts(), 4, 'one try and three retries by default');
    const twice = withRivalWriter(store, 99, { type: 'TallyIncremented', data: { by: 1 } });
    await t.rejects(run(name, increment(1), context(), 1, twice.store), WrongExpectedRevisionError);
    t.equal(twice.attempts(), 2, 'configurable');
  });

  t.test("given the client's expected revision, then a stale one fails the precondition and writes nothing", async (t) => {
    const name = stream();
    await run(name, open(5));
    await run(name, increment(1));
    const stale = run(name, increment(1), context({ expectedRevision: 0n }));
    await t.rejects(stale, PreconditionFailedError);
    t.match(await rejection(run(name, open(5), context({ expectedRevision: 'no_stream' }))), { actualRevision: 1n });
    t.equal((await readAllOf(store, name)).length, 2);
    const ctx = context({ expectedRevision: 1n });
    const fresh = await run(name, increment(1), ctx);
    t.equal(fresh.nextExpectedRevision, 2n);
    const retried = await run(name, increment(1), ctx);
    t.equal(retried.alreadyApplied, true, 'a retry with the now-stale revision is still recognised');
  });

  t.test('given a command breaking a rule, then the domain error surfaces and nothing is written', async (t) => {
    const name = stream();
    await t.rejects(run(name, increment(1)), DomainRuleError);
    await t.rejects(readAllOf(store, name), { code: 'stream_not_found' });
  });

  t.test('given decided events with invalid data, then nothing is appended', async (t) => {
    const name = stream();
    await run(name, open(1000));
    await t.rejects(run(name, increment(500)), InvalidEventDataError);
    t.equal((await readAllOf(store, name)).length, 1);
  });

  t.test('given a command deciding no events, then the result names the current revision and position', async (t) => {
    const name = stream();
    const opened = await run(name, open(5));
    const nothing = await run(name, increment(0));
    t.same(nothing.events, []);
    t.equal(nothing.nextExpectedRevision, 0n);
    t.same(nothing.position, opened.position);
  });

  t.test('given a commandId already used on another stream, then it is refused as a reused key', async (t) => {
    const ctx = context();
    await run(stream(), open(5), ctx);
    t.match(await rejection(run(stream(), open(5), ctx)), { name: 'IdempotencyKeyReusedError', code: 'command_id_reused' });
  });

  t.test('given a key used with one command digest, then the same digest is the same command and another is refused', async (t) => {
    const name = stream();
    await run(name, open(5));
    const ctx = context({ commandDigest: 'digest-of-increment-2' });
    await run(name, increment(2), ctx);
    const retried = await run(name, increment(2), ctx);
    t.equal(retried.alreadyApplied, true, 'the same command again');
    const reused = await rejection(run(name, increment(3), { ...ctx, commandDigest: 'digest-of-increment-3' }));
    t.ok(reused instanceof IdempotencyKeyReusedError, 'the key reused for another command');
    t.equal((await readAllOf(store, name)).length, 2, 'nothing recorded for the refused reuse');
    t.match((await readAllOf(store, name))[1], { metadata: { commandId: ctx.commandId, commandDigest: 'digest-of-increment-2' } });
  });

  t.test('given events recorded without a digest (before digests were kept), then a retry with one is the same command', async (t) => {
    const name = stream();
    await run(name, open(5));
    const ctx = context();
    await run(name, increment(2), ctx);
    const retried = await run(name, increment(2), { ...ctx, commandDigest: 'any' });
    t.equal(retried.alreadyApplied, true);
  });

  t.test('readStreamState folds a stream for queries, and a missing one is not found', async (t) => {
    const name = stream();
    await run(name, open(5));
    const last = await run(name, increment(2));
    const read = await readStreamState(store, tallyRegistry, tallyDecider, name);
    t.same(read, { state: { status: 'open', count: 2, limit: 5 }, revision: 1n, position: last.position });
    await t.rejects(readStreamState(store, tallyRegistry, tallyDecider, stream()), StreamNotFoundError);
  });

  t.test('startsStream: a command that starts its stream is appended without reading first', async (t) => {
    // Counts the reads and the appends handleCommand makes.
    const counted = () => {
      const calls = { reads: 0, appends: 0 };
      const over: EventStore = {
        ...store,
        readStream: (name, options) => {
          calls.reads += 1;
          return store.readStream(name, options);
        },
        appendToStream: (name, events, options) => {
          calls.appends += 1;
          return store.appendToStream(name, events, options);
        },
      };
      return { over, calls };
    };
    const startsTally = (command: TallyCommand) => command.type === 'OpenTally';
    const runNew = (name: string, command: TallyCommand, ctx: CommandContext, over: EventStore) =>
      handleCommand({ store: over, registry: tallyRegistry, decider: tallyDecider, streamName: name, command, context: ctx, startsStream: startsTally });

    t.test('given no stream, then one append and no read', async (t) => {
      const { over, calls } = counted();
      const name = stream();
      const ctx = context();
      const result = await runNew(name, open(5), ctx, over);
      t.same(calls, { reads: 0, appends: 1 });
      t.equal(result.alreadyApplied, false);
      t.equal(result.nextExpectedRevision, 0n);
      const [stored] = await readAllOf(store, name);
      t.equal(stored?.id, commandEventId(ctx.commandId, 0));
      t.same(stored?.position, result.position);
    });

    t.test('given the same command again (a redelivery), then it is found applied, as without the shortcut', async (t) => {
      const name = stream();
      const ctx = context();
      const first = await runNew(name, open(5), ctx, store);
      await run(name, increment(1)); // the stream moves on in between
      const { over, calls } = counted();
      const again = await runNew(name, open(5), ctx, over);
      t.equal(again.alreadyApplied, true);
      t.same(again.position, first.position);
      t.same(again.events, first.events);
      t.equal(calls.reads, 1, 'read once the store said the stream exists');
      t.equal((await readAllOf(store, name)).length, 2, 'nothing written twice');
      // And right after the first, with nothing in between: the store answers "not written".
      const other = stream();
      const otherCtx = context();
      const created = await runNew(other, open(3), otherCtx, store);
      const repeated = await runNew(other, open(3), otherCtx, store);
      t.equal(repeated.alreadyApplied, true);
      t.same(repeated.position, created.position);
    });

    t.test('given the same command five times at once, then one is applied and the others find it', async (t) => {
      const name = stream();
      const ctx = context();
      const results = await Promise.all(Array.from({ length: 5 }, () => runNew(name, open(5), ctx, store)));
      t.equal(results.filter((r) => !r.alreadyApplied).length, 1, 'one says it applied the command');
      t.equal(new Set(results.map((r) => `${r.position?.commit}:${r.position?.prepare}`)).size, 1, 'all name one position');
      t.equal((await readAllOf(store, name)).length, 1);
    });

    t.test('given the stream exists (another command started it), then the rule is decided on what it holds', async (t) => {
      const name = stream();
      await run(name, open(5));
      const { over, calls } = counted();
      t.match(await rejection(runNew(name, open(7), context(), over)), { rule: 'tally_already_open' });
      t.same(calls, { reads: 1, appends: 1 }, 'the no_stream append was refused, then the stream was read');
      t.equal((await readAllOf(store, name)).length, 1);
    });

    t.test('given a command the initial state refuses, then the ordinary path answers it', async (t) => {
      const { over, calls } = counted();
      const name = stream();
      t.match(await rejection(runNew(name, increment(1), context(), over)), { rule: 'tally_not_open' });
      t.same(calls, { reads: 1, appends: 0 });
    });

    t.test('given an If-Match on an existing revision, then no shortcut is taken', async (t) => {
      const name = stream();
      await run(name, open(5));
      const { over, calls } = counted();
      t.match(await rejection(runNew(name, open(5), context({ expectedRevision: 0n }), over)), { rule: 'tally_already_open' });
      t.same(calls, { reads: 1, appends: 0 });
    });

    t.test('given its commandId used on another stream, then it is refused as a reused key', async (t) => {
      const ctx = context();
      await runNew(stream(), open(5), ctx, store);
      t.match(await rejection(runNew(stream(), open(5), ctx, store)), { name: 'IdempotencyKeyReusedError', code: 'command_id_reused' });
    });
  });
});
