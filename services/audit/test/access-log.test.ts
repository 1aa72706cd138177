// Auditors are audited: every route that shows a case records who looked, when, at which case, and which
// personal data they were shown; personal data is masked unless the role allows it (and then the log says
// so); a district's auditor reaches their district's cases only; the report lists who looked at what.
import { StreamNotFoundError } from '@bureau/event-store';
import t from 'tap';
import type { EventStore } from '@bureau/event-store';
import { AccessLogWriter } from '../src/access-log/access-log-writer.js';
import { caseViewedEvent, type ViewRecord } from '../src/access-log/record-view.js';
import { ACCESS_LOG_SHARDS, accessLogShardName, accessLogStreamName } from '../src/events/audit-events.js';
import { auditFixture, BAIYUN, citizen } from './support/app.js';

t.test('the access log', async (t) => {
  const f = await auditFixture(t);
  const huadu = await f.orderWithExtension(undefined, 'GZ-LOG-1');
  const baiyun = await f.orderWithExtension(BAIYUN, 'BY-LOG-1');
  const today = new Date().toISOString().slice(0, 10);
  const report = async (token: string) => (await f.get(`/access-log?from=${today}&to=${today}`, token)).json().views as {
    viewId: string; viewer: { id: string; role: string }; caseId: string; view: string; unmasked: boolean; personalDataShown: string[]; personalDataMasked: string[];
  }[];

  t.test('every route showing a case records the view, with the personal data fields masked', async (t) => {
    const base = `/cases/work-order/${huadu}`;
    for (const url of [`${base}/history`, `${base}/as-of?at=2030-01-01T00:00:00Z`, `${base}/diff?to=1`, `${base}/verification`, `${base}/links`, `${base}/history.jsonl`, `${base}/report.html`, `${base}/report.pdf`]) {
      const res = await f.get(url, f.tokens.huaduAuditor);
      t.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 200)}`);
      if (!url.endsWith('/verification') && !url.endsWith('/links')) t.notMatch(res.body, citizen.phone, `${url} masks the phone`);
    }
    const mine = (await report(f.tokens.huaduAuditor)).filter((v) => v.viewer.id === 'auditor-huadu');
    t.same(mine.map((v) => v.view), ['history', 'as-of', 'diff', 'verification', 'links', 'export-jsonl', 'report-html', 'report-pdf']);
    for (const v of mine) {
      t.match(v, { caseId: huadu, unmasked: false, personalDataShown: [] });
      t.same(v.personalDataMasked, ['citizen.name', 'citizen.phone']);
    }
  });

  t.test('unmasked only for a role allowed it, and the log says so', async (t) => {
    const refused = await f.get(`/cases/work-order/${huadu}/history?personalData=shown`, f.tokens.huaduAuditor);
    t.equal(refused.statusCode, 403);
    const shown = await f.get(`/cases/work-order/${huadu}/history?personalData=shown`, f.tokens.cityAuditor);
    t.equal(shown.statusCode, 200);
    t.equal(shown.json().personalDataMasked, false);
    t.match(shown.body, citizen.name);
    const views = (await report(f.tokens.cityAuditor)).filter((v) => v.viewer.id === 'auditor-city');
    t.match(views, [{ caseId: huadu, view: 'history', unmasked: true, personalDataShown: ['citizen.name', 'citizen.phone'], personalDataMasked: [] }]);
    t.notOk((await report(f.tokens.cityAuditor)).some((v) => v.viewer.id === 'auditor-huadu' && v.unmasked), 'the refused request recorded no view');
  });

  t.test('a district\'s auditor: their district\'s cases, and the report of views of them only', async (t) => {
    const other = await f.get(`/cases/work-order/${baiyun}/history`, f.tokens.huaduAuditor);
    t.equal(other.statusCode, 404);
    const own = await f.get(`/cases/work-order/${baiyun}/history`, f.tokens.baiyunAuditor);
    t.equal(own.statusCode, 200);
    const huaduReport = await report(f.tokens.huaduAuditor);
    t.notOk(huaduReport.some((v) => v.caseId === baiyun), 'no view of another district\'s case');
    t.ok(huaduReport.some((v) => v.viewer.id === 'auditor-city' && v.caseId === huadu), 'the city auditor\'s view of our case is ours to see');
    const baiyunReport = await report(f.tokens.baiyunAuditor);
    t.same(baiyunReport.map((v) => [v.viewer.id, v.caseId]), [['auditor-baiyun', baiyun]]);
    t.ok((await report(f.tokens.cityAuditor)).some((v) => v.caseId === baiyun), 'the city sees all');
  });

  t.test('a period with no views is an empty report; the period is checked', async (t) => {
    t.same((await f.get('/access-log?from=2020-01-01&to=2020-01-31', f.tokens.cityAuditor)).json().views, []);
    t.equal((await f.get('/access-log?from=2020-02-01&to=2020-01-01', f.tokens.cityAuditor)).statusCode, 400);
    t.equal((await f.get('/access-log?from=2020-01-01&to=2020-12-31', f.tokens.cityAuditor)).statusCode, 400);
  });

  t.test('concurrent views go to several of the day\'s streams, and the report lists each exactly once', async (t) => {
    const busy = f.token('city_auditor', 'gz', 'auditor-busy');
    const answers = await Promise.all(Array.from({ length: 24 }, () => f.get(`/cases/work-order/${huadu}/links`, busy)));
    t.same(answers.map((a) => a.statusCode), Array(24).fill(200));
    const listed = (await report(f.tokens.cityAuditor)).filter((v) => v.viewer.id === 'auditor-busy');
    t.equal(listed.length, 24);
    t.equal(new Set(listed.map((v) => v.viewId)).size, 24, 'no view twice');
    const perShard: number[] = [];
    for (let shard = 0; shard < ACCESS_LOG_SHARDS; shard += 1) {
      let n = 0;
      try {
        for await (const e of f.app.eventStore.readStream(accessLogShardName(today, shard))) if ((e.data as { viewer: { id: string } }).viewer.id === 'auditor-busy') n += 1;
      } catch (error) {
        if (!(error instanceof StreamNotFoundError)) throw error; // a shard no view fell into
      }
      perShard.push(n);
    }
    t.equal(perShard.reduce((a, b) => a + b, 0), 24, 'every view in one of the day\'s shards');
    t.ok(perShard.filter((n) => n > 0).length > 1, `spread: ${perShard.join(',')}`);
  });

  t.test('a day recorded in the first layout (one stream a day) is still reported, merged in the order recorded', async (t) => {
    const day = '2025-06-01';
    const viewer = { id: 'auditor-old', role: 'city_auditor', organisation: 'gz' };
    const record = (hour: string) => ({ viewer, requestId: `r-${hour}`, caseKind: 'work-order', caseId: huadu, owners: ['huadu-plsc'], view: 'history' as const, personalDataFields: [], unmasked: false, at: new Date(`${day}T${hour}:00:00Z`) });
    await f.app.eventStore.appendToStream(accessLogStreamName(day), [caseViewedEvent(record('09')).event]);
    await f.app.audit.accessLog.record(record('10'));
    await f.app.eventStore.appendToStream(accessLogStreamName(day), [caseViewedEvent(record('11')).event]);
    const views = (await f.get(`/access-log?from=${day}&to=${day}`, f.tokens.cityAuditor)).json().views as { viewedAt: string }[];
    t.same(views.map((v) => v.viewedAt), ['09', '10', '11'].map((h) => `${day}T${h}:00:00.000Z`));
  });

  t.test('the writer: concurrent views share appends, never two at once on one shard, each durable before it resolves', async (t) => {
    const store = f.app.eventStore;
    const calls: { stream: string; events: number }[] = [];
    const out = new Set<string>();
    let most = 0;
    let sameShardAtOnce = false;
    const watched = {
      appendToStream: async (stream: string, events: Parameters<EventStore['appendToStream']>[1]) => {
        if (out.has(stream)) sameShardAtOnce = true;
        out.add(stream);
        most = Math.max(most, out.size);
        calls.push({ stream, events: events.length });
        try { return await store.appendToStream(stream, events); } finally { out.delete(stream); }
      },
    } as unknown as EventStore;
    const writer = new AccessLogWriter(watched, { maxInFlight: 2 });
    const viewer = { id: 'auditor-grouped', role: 'city_auditor', organisation: 'gz' };
    const record = (i: number): ViewRecord => ({ viewer, requestId: `g-${i}`, caseKind: 'work-order', caseId: huadu, owners: ['huadu-plsc'], view: 'history', personalDataFields: [], unmasked: false, at: new Date() });
    const views = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.record(record(i))));
    t.equal(new Set(views.map((v) => v.viewId)).size, 40);
    t.ok(calls.length < 40, `40 views in ${calls.length} appends`);
    t.equal(calls.reduce((n, c) => n + c.events, 0), 40);
    t.ok(most <= 2, `at most 2 appends out at once (${most})`);
    t.notOk(sameShardAtOnce, 'no two appends out to one shard at once');
    const listed = (await report(f.tokens.cityAuditor)).filter((v) => v.viewer.id === 'auditor-grouped');
    t.same(listed.map((v) => v.viewId).sort(), views.map((v) => v.viewId).sort(), 'every view is in the log, once');

    // A failed append fails every view it carried (none is shown), and the writer goes on.
    const failing = new AccessLogWriter({ appendToStream: async () => { throw new Error('disk full'); } } as unknown as EventStore);
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => failing.record(record(100 + i))));
    t.same(outcomes.map((o) => o.status), Array(5).fill('rejected'));
    await writer.record(record(200));
    await writer.drained();
  });
});
