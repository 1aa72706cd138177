// The generated year as the running legal-aid service shows it: the service built on the database
// (its registry now holding the generated stations and villages, its own read models built by its own
// engine) answers the year's statistics and the walk-in counts, each district seeing its own only.
import { formatPosition } from '@bureau/event-store';
import { createPostgresEventStore } from '@bureau/event-store/postgres';
import { buildLegalAidApp } from '@bureau/legal-aid/app';
import { loadConfig } from '@bureau/legal-aid/config';
import { signTestToken } from '@bureau/service-kit/testing';
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { generateYear } from '../src/index.js';

const JWT_SECRET = 'year-generator-test-secret-0123456789abcdef';

t.test('the legal-aid service shows the generated year: statistics and walk-in counts within reach', async (t) => {
  const databaseUrl = await freshDatabase(t, 'year_generator_legal_aid');
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  const summary = await generateYear({ store, scale: 0.02, seed: 'service-view', year: 2025 });
  // The last committed event: the service's reads wait (bounded) until their read model has applied it.
  const head = await store.lastCommittedPosition();
  await store.close();
  if (!head) throw new Error('nothing written');
  const huadu = summary.districts.huadu;
  if (!huadu) throw new Error('no 花都 summary');

  const config = loadConfig({
    DATABASE_URL: databaseUrl, JWT_SECRET, LOG_LEVEL: 'warn', CITY_ID: 'gz', ORGANISATIONS_SEED: 'demo',
    LEGAL_AID_IDENTITY_HASH_KEY: 'year-generator-identity-hash-key-0123456789',
  });
  const app = await buildLegalAidApp(config, { clock: () => new Date('2026-02-02T02:00:00Z'), readModels: { standbyPollMs: 50, maxBatchWaitMs: 5, idleAdvanceMs: 10 }, reconcileOnTimer: false });
  t.teardown(() => app.close());
  await app.ready();
  const after = `after=${encodeURIComponent(formatPosition(head))}`;
  const token = (role: string, org: string) => `Bearer ${signTestToken(JWT_SECRET, { sub: `${role}@${org}`, role, org })}`;
  const get = async (url: string, authorization: string) => {
    for (let i = 0; ; i += 1) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization } });
      // 503 while a read model is still being created and caught up: ask again.
      if (res.statusCode !== 503 || i > 200) return res;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const huaduHead = token('legal_aid_head', 'huadu-legal-aid');
  const baiyunHead = token('legal_aid_head', 'baiyun-legal-aid');

  const yearly = await get(`/statistics/yearly/2025?${after}`, huaduHead);
  t.equal(yearly.statusCode, 200, yearly.body);
  const office = (yearly.json() as { offices: { officeId: string; received: number; notified: number; greenChannel: number }[] }).offices.find((o) => o.officeId === 'huadu-legal-aid');
  t.match(office, { received: huadu.legalAid.applications, notified: huadu.legalAid.notified, greenChannel: huadu.legalAid.greenChannel }, '花都\'s year as the generator wrote it');
  t.notOk((yearly.json() as { offices: { officeId: string }[] }).offices.some((o) => o.officeId.startsWith('baiyun')), 'nothing of 白云');

  let persons = 0;
  for (let m = 1; m <= 12; m += 1) {
    const res = await get(`/walk-in-consultations/counts/2025-${String(m).padStart(2, '0')}?${after}`, huaduHead);
    t.equal(res.statusCode, 200, res.body);
    persons += (res.json() as { persons: number }).persons;
  }
  t.equal(persons, huadu.walkIns.persons, '人次 over the twelve months, as generated');
  const theirs = await get(`/walk-in-consultations?${after}&limit=1`, baiyunHead);
  t.equal((theirs.json() as { total: number }).total, 0, '白云 sees none of 花都\'s visits');
  const station = await get(`/walk-in-consultations?${after}&placeId=huadu-station-g01&limit=5`, token('station_clerk', 'huadu-station-g01'));
  t.equal(station.statusCode, 200, 'a generated station\'s clerk is known to the service\'s registry');
  t.ok((station.json() as { total: number }).total > 0, 'and lists the station\'s visits');
});
