// Issue 19's check on a generated district-year: every case the generator wrote (12345 orders, legal-aid
// files, village ledgers), replayed by the audit service with each owner's own registry and evolve, agrees
// field by field with the row that service's own projection serves. The projections are the ones the
// services run (their exports), over the same store.
import { caseKinds, readModelAgreement } from '@bureau/audit-service/agreement';
import { ledgerMonthsProjection } from '@bureau/advisors/projections';
import { formatPosition } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { workOrdersProjectionOf } from '@bureau/hotline-service/projections';
import { filesProjectionOf } from '@bureau/legal-aid/projections';
import { createProjectionEngine } from '@bureau/projections';
import { eventually, freshDatabase } from '@bureau/testing';
import { createOfficialWorkingCalendar } from '@bureau/working-calendar';
import t from 'tap';
import { generateYear } from '../src/index.js';

const officialCalendar = createOfficialWorkingCalendar();
const SCALE = 0.02;

t.test(`a ${SCALE}x generated year: the audit's replayed state agrees with every service's read model`, async (t) => {
  const url = await freshDatabase(t, 'year_generator_audit');
  const store = await createPostgresEventStore({ connectionString: url });
  t.teardown(() => store.close());
  const summary = await generateYear({ store, scale: SCALE, seed: 'audit-agreement', year: 2025 });
  const ownership = { centreOf: () => 'huadu-plsc' };

  const projections = [filesProjectionOf('year-generator-test-hash-key-0123456789', () => officialCalendar), workOrdersProjectionOf(workOrderEventsFor(ownership)), ledgerMonthsProjection];
  const engine = createProjectionEngine({ store, pool: store.pool, projections, standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 });
  t.teardown(() => engine.stop());
  await engine.start();
  await eventually(async () => {
    const [head, last] = [await store.headPosition(), await store.lastCommittedPosition()];
    return head && last && formatPosition(head) === formatPosition(last);
  }, 20_000, 'every committed event readable');
  const head = await store.headPosition();
  if (!head) throw new Error('nothing written');
  for (const p of projections) t.equal(await engine.waitForPosition(p.name, head, 30_000), 'reached', `${p.name} caught up`);

  const report = await readModelAgreement(store, caseKinds(ownership), { hotline: store.pool, legalAid: store.pool, advisors: store.pool });
  const huadu = summary.districts.huadu;
  if (!huadu) throw new Error('no 花都 summary');
  const files = Object.values(summary.districts).reduce((n, d) => n + d.legalAid.applications + d.legalAid.notified, 0);
  t.same(report.cases, { 'work-order': huadu.hotline.dispatched, 'legal-aid': files, 'advisor-ledger': huadu.villages * 12 }, 'every generated case compared');
  t.same(report.disagreements.slice(0, 10), [], 'the replayed state and the read models agree on every field both hold (first ten differences shown)');
});
