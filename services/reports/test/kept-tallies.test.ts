// Tallies kept in the database (src/read-models/kept-tallies.ts): the first count after a restart is
// carried forward from the tally kept by the last count, not counted whole, and equals a count made whole;
// so after events recorded while the service was down, after a rebuild of the facts projection (a new
// generation starts with no kept tallies and none of the old one's is used), for a closed period (as of
// its close) and with two instances counting at once. The read model is altered behind the projection's
// back only to see which count answers: a value altered where no event changed it is in a count made
// whole, not in one carried forward; it is put back before the counts are compared with a whole one.
import { formatPosition } from '@bureau/event-store';
import { rebuildProjection } from '@bureau/projections';
import { openEventStore } from '@bureau/service-kit';
import { signTestToken } from '@bureau/service-kit/testing';
import { eventually } from '@bureau/testing';
import { generateYear } from '@bureau/year-generator';
import pg from 'pg';
import t from 'tap';
import { buildReportsApp } from '../src/app.js';
import { FACTS_PROJECTION } from '../src/read-models/facts-projection.js';
import { JWT_SECRET, reportsFixture } from './support/app.js';
import { local, walkIn } from './support/histories.js';

type App = Awaited<ReturnType<typeof buildReportsApp>>;
const NOW = new Date('2026-03-01T02:00:00Z');
const city = { authorization: `Bearer ${signTestToken(JWT_SECRET, { sub: 'city-auditor', role: 'city_auditor', org: 'gz' })}` };
const statistician = { authorization: `Bearer ${signTestToken(JWT_SECRET, { sub: 'statistician-huadu', role: 'statistician', org: 'huadu-bureau' })}` };

t.test('kept tallies: a restart, events while down, a rebuild, a close and two instances, each equal to a count made whole', async (t) => {
  const f = await reportsFixture(t, NOW);
  // The test's own store and pool: the service's instances come and go.
  const store = await openEventStore(f.config);
  t.teardown(() => store.close());
  const pool = new pg.Pool({ connectionString: f.config.DATABASE_URL, max: 2 });
  t.teardown(() => pool.end());
  const summary = await generateYear({ store, scale: 0.02, seed: 'reports-kept-tallies', year: 2025 });
  t.ok(summary.events > 500, `a generated 2025 (${summary.events} events)`);
  const caughtUp = async (app: App) => {
    await eventually(async () => {
      const [visible, committed] = [await store.headPosition(), await store.lastCommittedPosition()];
      return visible && committed && formatPosition(visible) === formatPosition(committed);
    }, 30_000, 'every committed event readable');
    const head = await store.headPosition();
    if ((await app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, head!, 60_000)) !== 'reached') throw new Error('the facts projection did not catch up');
    await app.organisations.refresh();
  };
  // A walk-in of 花都 in June 2025 whose 人次 is altered below.
  await store.appendToStream('walkInConsultation-june-1', [walkIn('june-1', 'huadu-plsc', 'huadu', local('2025-06-10 10:00'), 3)]);
  await caughtUp(f.app);

  /** Another instance of the service on the same database (a restart, or a second replica). */
  const start = async () => {
    const app = await buildReportsApp(f.config, { clock: () => NOW, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
    await app.ready();
    return app;
  };
  const running = new Set<App>();
  t.teardown(() => Promise.all([...running].map((app) => app.close())));
  const restart = async (app: App) => {
    await app.close();
    running.delete(app);
    const next = await start();
    running.add(next);
    await caughtUp(next);
    return next;
  };
  /** A report without its time of making: what two counts of the same facts must agree on. */
  const report = async (app: App, url: string, headers = city) => {
    const res = await app.inject({ method: 'GET', url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    const { generatedAt: _, ...rest } = res.json() as Record<string, unknown>;
    return rest as { districts: Array<{ districtId: string; figures: Record<string, { value: number | null }> }> } & Record<string, unknown>;
  };
  /** The same report counted whole: by an instance that finds no tally kept (they are cleared first). */
  const countedWhole = async (url: string, headers = city) => {
    await sql('DELETE FROM report_tallies');
    const app = await start();
    try {
      await app.organisations.refresh();
      return await report(app, url, headers);
    } finally {
      await app.close();
    }
  };
  const sql = (text: string, values: unknown[] = []) => pool.query(text, values);
  /** The June walk-in's 人次 raised where no event did (undone by `restore`). */
  const alter = () => sql(`UPDATE report_facts SET value = value + 1000 WHERE kind = 'walk_in.visit' AND case_id = 'june-1' AND superseded_commit IS NULL`);
  const restore = () => sql(`UPDATE report_facts SET value = value - 1000 WHERE kind = 'walk_in.visit' AND case_id = 'june-1' AND superseded_commit IS NULL`);
  const huaduPersons = (r: Awaited<ReturnType<typeof report>>) => r.districts.find((d) => d.districtId === 'huadu')!.figures.walk_in_persons!.value!;

  // The year counted (whole: nothing kept yet), its tallies kept in the database.
  const first = await report(f.app, '/reports/gz/2025');
  const { rows: kept } = await sql(`SELECT scope_id, period_id, standing, commit_pos FROM report_tallies ORDER BY period_id`);
  t.match(kept, [{ scope_id: 'gz', period_id: '2024', standing: 'now' }, { scope_id: 'gz', period_id: '2025', standing: 'now' }], 'the count kept its tallies (the year\'s and the year before\'s): scope, period, where the facts stood');
  await alter();

  await t.test('after a restart, with an event recorded while the service was down', async (t) => {
    await f.app.close(); // (closing again at the fixture's teardown does nothing)
    const late = await store.appendToStream('walkInConsultation-late-1', [walkIn('late-1', 'huadu-plsc', 'huadu', local('2025-06-20 10:00'), 4)]);
    let app = await start();
    running.add(app);
    await caughtUp(app);
    const { rows: [stood] } = await sql(`SELECT commit_pos FROM report_tallies WHERE scope_id = 'gz' AND period_id = '2025'`);
    t.ok(BigInt(stood.commit_pos) < late.position.commit, 'the kept tally stands before the walk-in');
    const carried = await report(app, '/reports/gz/2025');
    t.equal(huaduPersons(carried), huaduPersons(first) + 4, 'carried forward from the kept tally by the walk-in since (the altered value, not recounted, is not in it)');
    const { rows: [moved] } = await sql(`SELECT commit_pos FROM report_tallies WHERE scope_id = 'gz' AND period_id = '2025'`);
    t.equal(BigInt(moved.commit_pos) >= late.position.commit, true, 'kept again where the facts stand now');

    app = await restart(app);
    t.same(await report(app, '/reports/gz/2025'), carried, 'restarted with nothing new: the kept tally as it is');
    await app.close();
    running.delete(app);
    await restore();
    t.same(await countedWhole('/reports/gz/2025'), carried, 'equal to the year counted whole');
  });

  await t.test('after a rebuild: a new generation, no tally of the old one used', async (t) => {
    let app = await start();
    running.add(app);
    await caughtUp(app);
    await alter();
    const june = await report(app, '/reports/gz/2025-06');
    const q2 = await report(app, '/reports/gz/2025-Q2');
    t.ok(huaduPersons(june) > 1000 && huaduPersons(q2) > 1000, 'counted whole in this generation: the altered value in it (kept, in memory and in the database)');
    const { rows: [before] } = await sql(`SELECT generation FROM projections.checkpoints WHERE projection = $1 AND state = 'active'`, [FACTS_PROJECTION]);
    const result = await rebuildProjection({ store, pool: app.pg, projection: app.reportsReadModels.projections[0]! });
    t.ok(result, 'rebuilt');
    const { rows: [after] } = await sql(`SELECT generation FROM projections.checkpoints WHERE projection = $1 AND state = 'active'`, [FACTS_PROJECTION]);
    t.ok(after.generation > before.generation, `generation ${before.generation} → ${after.generation}`);
    t.same((await sql(`SELECT tally_key FROM report_tallies`)).rows, [], 'the new generation starts with no kept tallies');

    const juneAfter = await report(app, '/reports/gz/2025-06');
    t.equal(huaduPersons(juneAfter), huaduPersons(june) - 1000, 'the same instance, nothing recorded since: counted in the new generation, not the old one\'s tally from memory');
    app = await restart(app);
    const q2After = await report(app, '/reports/gz/2025-Q2');
    t.equal(huaduPersons(q2After), huaduPersons(q2) - 1000, 'restarted: counted in the new generation');
    await app.close();
    running.delete(app);
    t.same(await countedWhole('/reports/gz/2025-06'), juneAfter, 'the month equal to a count made whole');
    t.same(await countedWhole('/reports/gz/2025-Q2'), q2After, 'the quarter equal to a count made whole');
  });

  await t.test('a closed period: counted as of its close, kept, read as kept after a restart', async (t) => {
    let app = await start();
    running.add(app);
    await caughtUp(app);
    const close = await app.inject({ method: 'POST', url: '/reports/huadu/2025-06/close', headers: statistician, payload: { commandId: crypto.randomUUID() } });
    t.equal(close.statusCode, 200, close.body);
    const closed = await report(app, '/reports/huadu/2025-06', statistician);
    t.ok((await sql(`SELECT 1 FROM report_tallies WHERE standing = 'closed' AND period_id = '2025-06'`)).rows.length === 1, 'its tallies as of the close kept');
    await store.appendToStream('walkInConsultation-late-2', [walkIn('late-2', 'huadu-plsc', 'huadu', local('2025-06-21 10:00'), 2)]);
    await alter();
    app = await restart(app);
    const reread = await report(app, '/reports/huadu/2025-06', statistician);
    const district = (r: typeof closed) => r.districts[0] as unknown as { figures: Record<string, { value: number }>; restatements: Array<{ figure: string; asClosed: number; now: number }> };
    t.equal(district(reread).figures.walk_in_persons!.value, district(closed).figures.walk_in_persons!.value, 'as closed: the kept tally (the altered value, not recounted, is not in it)');
    t.match(district(reread).restatements, [{ figure: 'walk_in_persons', asClosed: district(closed).figures.walk_in_persons!.value }], 'the walk-in since restates it');
    await restore();
    await app.close();
    running.delete(app);
    const whole = await countedWhole('/reports/huadu/2025-06', statistician);
    t.same(district(whole).figures, district(reread).figures, 'as closed, equal to a count made whole as of the close');
  });

  await t.test('two instances counting at once after events: every count equal to a whole one', async (t) => {
    const [a, b] = [await start(), await start()];
    running.add(a).add(b);
    await caughtUp(a);
    await report(a, '/reports/gz/2025');
    let lastAppend = { commit: 0n, prepare: 0n };
    for (let i = 0; i < 3; i += 1) {
      lastAppend = (await store.appendToStream(`walkInConsultation-both-${i}`, [walkIn(`both-${i}`, 'baiyun-plsc', 'baiyun', local(`2025-09-0${i + 1} 10:00`), 1 + i)])).position;
      await caughtUp(a);
      await caughtUp(b);
      const counts = await Promise.all([report(a, '/reports/gz/2025'), report(b, '/reports/gz/2025'), report(a, '/reports/gz/2025'), report(b, '/reports/gz/2025')]);
      for (const other of counts.slice(1)) t.same(other, counts[0], `event ${i + 1}: the instances agree`);
    }
    const last = await report(b, '/reports/gz/2025');
    const { rows: [stood] } = await sql(`SELECT commit_pos, prepare_pos FROM report_tallies WHERE scope_id = 'gz' AND period_id = '2025' AND standing = 'now'`);
    // Counts carried forward in memory are kept again at most every few seconds (count.ts, KEEP_EVERY_MS).
    t.ok(BigInt(stood.commit_pos) > 0n, `a tally kept (at ${stood.commit_pos}/${stood.prepare_pos}; the last walk-in at ${lastAppend.commit})`);
    await Promise.all([a.close(), b.close()]);
    running.delete(a);
    running.delete(b);
    t.same(await countedWhole('/reports/gz/2025'), last, 'equal to the year counted whole');
  });
});
