// The replayed state against the read models: a small dataset across the three services (12345 orders
// through the hotline's own routes, legal-aid files and a village ledger decided by their own deciders),
// each service's projections run (their apps, on the same database), then every case's replayed final
// state is compared with its read-model row (readModelAgreement: the same check a generated
// district-year is to be fed to). A row changed behind the projection is found and named.
import { decideLedger, foldLedger, type LedgerEvent } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import { buildAdvisorsApp } from '@bureau/advisors/app';
import { loadConfig as loadAdvisorsConfig } from '@bureau/advisors/config';
import type { EventToAppend, Json } from '@bureau/event-store';
import { buildLegalAidApp } from '@bureau/legal-aid/app';
import { loadConfig as loadLegalAidConfig } from '@bureau/legal-aid/config';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { eventually } from '@bureau/testing';
import pg from 'pg';
import t from 'tap';
import { ledgerContext, logged, opened } from '../../advisors/test/domain/support/fixtures.js';
import { historyOf } from '../../legal-aid/test/domain/support/given.js';
import { local, submit } from '../../legal-aid/test/domain/support/fixtures.js';
import { transferLife } from '../../legal-aid/test/support/lives.js';
import { readModelAgreement, type AgreementReport } from '../src/agreement/read-model-agreement.js';
import { inDemoCity } from './support/demo-city.js';
import { auditFixture, BAIYUN, HUADU, JWT_SECRET } from './support/app.js';

const envelope = (i: number) => ({
  correlationId: `req-${i}`, causationId: `cmd-${i}`,
  actor: { id: 'clerk-wang', role: 'legal_aid_clerk', organisation: 'huadu-legal-aid' },
  occurredAt: '2025-11-03T02:00:00.000Z',
});

t.test('every case replayed agrees with its service\'s read model, field by field', async (t) => {
  const f = await auditFixture(t);
  const base = { DATABASE_URL: f.databaseUrl, JWT_SECRET, LOG_LEVEL: 'error', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' };
  const timings = { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 };

  // 12345: an order with an extension in each district, one only dispatched, one signed for and assigned.
  const orders = [await f.orderWithExtension(HUADU, 'GZ-RM-1'), await f.orderWithExtension(BAIYUN, 'BY-RM-2'), (await f.dispatch(HUADU, 'GZ-RM-3')).workOrderId];
  const { workOrderId: assigned } = await f.dispatch(HUADU, 'GZ-RM-4');
  await f.staffPost(assigned, 'sign-for', {}, f.tokens.huaduStaff);
  orders.push(assigned);

  // Legal aid: a file transferred between offices, and one only submitted.
  const legalAid = (stream: string, events: readonly Parameters<typeof legalAidEvents.toAppend>[0][]) =>
    f.app.eventStore.appendToStream(stream, events.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))), { expectedRevision: 'no_stream' });
  await legalAid('legalAidCase-app-rm-1', transferLife());
  await legalAid('legalAidCase-app-rm-2', historyOf({ command: submit({ applicationId: 'app-rm-2' }), now: local('2025-11-03 10:00') }));

  // A village's ledger with a correction.
  const ledger: LedgerEvent[] = [opened, logged('e1')];
  ledger.push(...decideLedger({ type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 90 }, reason: '时长登记有误' } }, foldLedger(ledger), ledgerContext('2026-03-20 11:00')));
  await f.app.eventStore.appendToStream('advisorLedger-huadu-xinhua-sanhua_2026-03', ledger.map((e, i) => inDemoCity(advisorLedgerEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))), { expectedRevision: 'no_stream' });

  // Each service's projections, as deployed: its app on the same database (timers off: nothing else is written).
  const legalAidApp = await buildLegalAidApp(loadLegalAidConfig({ ...base, LEGAL_AID_IDENTITY_HASH_KEY: 'legal-aid-test-identity-hash-key-0123456789', DEADLINE_TIMERS_FIRE: 'false' }), { readModels: timings, reconcileOnTimer: false });
  t.teardown(() => legalAidApp.close());
  const advisorsApp = await buildAdvisorsApp(loadAdvisorsConfig({ ...base, MONTH_END_TIMERS_FIRE: 'false' }), { readModels: timings });
  t.teardown(() => advisorsApp.close());
  await Promise.all([legalAidApp.ready(), advisorsApp.ready()]);

  const db = new pg.Pool({ connectionString: f.databaseUrl, max: 2 });
  t.teardown(() => db.end());
  const databases = { hotline: db, legalAid: db, advisors: db };
  const check = () => readModelAgreement(f.app.eventStore, f.app.audit.kinds, databases);
  // Projections catch up on their own time: wait until every row is there at its stream's revision.
  let report: AgreementReport | undefined;
  await eventually(async () => {
    report = await check().catch(() => undefined);
    return report && report.disagreements.every((d) => d.field !== '(row)' && !d.field.startsWith('(revision)'));
  }, 60_000, 'every read model at its stream\'s head');
  t.same(report?.cases, { 'work-order': 4, 'legal-aid': 2, 'advisor-ledger': 1 }, 'every case of the dataset compared');
  t.same(report?.disagreements, [], 'the replayed state and the read models agree on every field both hold');

  t.test('a row changed behind its projection: named by case and field', async (t) => {
    await db.query(`update hotline_work_orders set reply_due_at = reply_due_at + interval '1 day' where work_order_id = $1`, [orders[0]]);
    await db.query(`update advisors_ledger_months set state = jsonb_set(state::jsonb, '{entries,0,content,durationMinutes}', '60')::json where stream_name = $1`, ['advisorLedger-huadu-xinhua-sanhua_2026-03']);
    await db.query(`update legal_aid_files set holder_office = 'huadu-legal-aid' where case_id = 'app-rm-1'`);
    const found = (await check()).disagreements.map((d) => [d.stream, d.field]);
    t.same(found, [
      [`hotlineWorkOrder-${orders[0]}`, 'replyDueAt / reply_due_at'],
      ['legalAidCase-app-rm-1', 'holderOfficeId / holder_office'],
      ['advisorLedger-huadu-xinhua-sanhua_2026-03', 'entries[0].content.durationMinutes / state.entries[0].content.durationMinutes'],
    ], 'in kind order: orders, legal-aid files, ledgers');
  });
});
