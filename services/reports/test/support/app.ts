// The report service on a fresh PostgreSQL database (one event store, as deployed), the demo city's
// registry, tokens per role and district, and helpers that append hand-made histories through each
// service's own event registry and wait until the facts projection has applied them.
import { advisorLedgerStreamName, type LedgerEvent } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import type { EventToAppend } from '@bureau/event-store';
import { workOrderStreamName, type WorkOrderEvent } from '@bureau/hotline-service/domain';
import { workOrderEventsFor } from '@bureau/hotline-service/events';
import { legalAidStreamName, type LegalAidEvent } from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import { signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import { buildReportsApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { FACTS_PROJECTION } from '../../src/read-models/facts-projection.js';
import { envelope } from './histories.js';

interface Teardown {
  teardown(fn: () => unknown): void;
}

export const JWT_SECRET = 'reports-test-secret-0123456789abcdef';
const workOrderEvents = workOrderEventsFor({ centreOf: () => 'huadu-plsc' });

export async function reportsFixture(t: Teardown, start = new Date('2027-01-10T02:00:00Z')) {
  const databaseUrl = await freshDatabase(t, 'reports');
  let now = start;
  const config = loadConfig({ DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo' });
  const app = await buildReportsApp(config, { clock: () => now, readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 } });
  t.teardown(() => app.close());
  await app.ready();

  const token = (role: string, org: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `${role}-${org}`, role, org, name: '统计员' })}`;
  const tokens = {
    huaduStatistician: token('statistician', 'huadu-bureau'),
    baiyunStatistician: token('statistician', 'baiyun-bureau'),
    huaduAuditor: token('auditor', 'huadu-bureau'),
    cityAuditor: token('city_auditor', 'gz'),
  };
  const get = (url: string, authorization = tokens.huaduStatistician) => app.inject({ method: 'GET', url, headers: { authorization } });
  const post = (url: string, payload: object, authorization = tokens.huaduStatistician) => app.inject({ method: 'POST', url, headers: { authorization }, payload });

  let i = 0;
  const append = async (stream: string, events: EventToAppend[]) => {
    const result = await app.eventStore.appendToStream(stream, events);
    const outcome = await app.reportsReadModels.engine.waitForPosition(FACTS_PROJECTION, result.position, 20_000);
    if (outcome !== 'reached') throw new Error(`facts projection did not reach the append: ${String(outcome)}`);
    return result;
  };
  const appendWorkOrder = (id: string, events: readonly WorkOrderEvent[]) =>
    append(workOrderStreamName(id), events.map((e) => workOrderEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i++, 'platform', 'huadu-plsc') })));
  const appendLegalAid = (id: string, events: readonly LegalAidEvent[]) =>
    append(legalAidStreamName(id), events.map((e) => legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i++, 'legal_aid_clerk', 'huadu-legal-aid') })));
  const appendLedger = (villageId: string, month: string, events: readonly LedgerEvent[]) =>
    append(advisorLedgerStreamName(villageId, month), events.map((e) => advisorLedgerEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i++, 'legal_advisor', villageId) })));
  const appendWalkIn = (consultationId: string, events: EventToAppend[]) => append(`walkInConsultation-${consultationId}`, events);

  return {
    app, config, tokens, token, get, post, appendWorkOrder, appendLegalAid, appendLedger, appendWalkIn,
    setNow: (at: Date) => { now = at; },
  };
}
