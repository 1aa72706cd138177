// The other case kinds, replayed through their own services' domain modules: a legal-aid application
// transferred between districts (法律援助, the legal-aid decider's own lives) and a village's monthly
// ledger with a correction (台账, decided by the advisors' decider). The replayed final state is exactly
// what the owning service's fold gives. The domain tests name their own organisations; they are mapped
// to the demo city's here, so reach is the registry's.
import { decideLedger, foldLedger, type LedgerEvent } from '@bureau/advisors/domain';
import { advisorLedgerEvents } from '@bureau/advisors/events';
import type { EventToAppend, Json, RecordedEvent } from '@bureau/event-store';
import { foldLegalAid } from '@bureau/legal-aid/domain';
import { legalAidEvents } from '@bureau/legal-aid/events';
import t from 'tap';
import { ledgerContext, lin, logged, opened } from '../../advisors/test/domain/support/fixtures.js';
import { transferLife } from '../../legal-aid/test/support/lives.js';
import { historyOf } from '../../legal-aid/test/domain/support/given.js';
import { local, submit } from '../../legal-aid/test/domain/support/fixtures.js';
import { inDemoCity } from './support/demo-city.js';
import { auditFixture } from './support/app.js';
import { viewsOfDay } from '../src/access-log/access-report.js';

const envelope = (i: number) => ({
  correlationId: `req-${i}`, causationId: `cmd-${i}`,
  actor: { id: 'clerk-wang', role: 'legal_aid_clerk', organisation: 'org-huadu-legal-aid' },
  occurredAt: '2025-11-03T02:00:00.000Z',
});

/** A moment after the stream's last event was recorded and before anything appended later (the store's clock). */
async function momentAfterLastRecorded(f: { app: { eventStore: { readStream(s: string): AsyncIterable<RecordedEvent> } } }, stream: string): Promise<Date> {
  const last = (await stored(f, stream)).at(-1);
  if (!last) throw new Error(`${stream} is empty`);
  const moment = new Date(last.recordedAt.getTime() + 1);
  // The next append is recorded later than `moment`: wait until the clock has passed it.
  while (Date.now() <= moment.getTime() + 1) await new Promise((r) => setTimeout(r, 2));
  return moment;
}

async function stored(f: { app: { eventStore: { readStream(s: string): AsyncIterable<RecordedEvent> } } }, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of f.app.eventStore.readStream(stream)) out.push(e);
  return out;
}

t.test('legal-aid and ledger cases through their own domains', async (t) => {
  const f = await auditFixture(t);

  t.test('a legal-aid application transferred to another office', async (t) => {
    const events = transferLife();
    const toAppend: EventToAppend[] = events.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) })));
    await f.app.eventStore.appendToStream('legalAidCase-app-2', toAppend, { expectedRevision: 'no_stream' });
    const res = await f.get('/cases/legal-aid/app-2/history?state=full', f.tokens.cityAuditor);
    t.equal(res.statusCode, 200, res.body);
    const entries = res.json().entries;
    t.same(entries.map((e: { type: string }) => e.type), events.map((e) => e.type));
    const unmasked = await f.get('/cases/legal-aid/app-2/history?state=full&personalData=shown', f.tokens.cityAuditor);
    t.same(unmasked.json().entries.at(-1).state, JSON.parse(JSON.stringify(foldLegalAid((await stored(f, 'legalAidCase-app-2')).map((e) => legalAidEvents.fromRecorded(e))))), 'the final state is the legal-aid service\'s own fold');
    const transferred = entries.findIndex((e: { type: string }) => e.type === 'TransferredApplicationReceived');
    const diff = (await f.get(`/cases/legal-aid/app-2/diff?from=0&to=${transferred}`, f.tokens.cityAuditor)).json();
    t.ok(diff.changes.some((c: { path: string; after: unknown }) => c.path === 'holderOfficeId' && c.after === 'baiyun-legal-aid'), 'the transfer moved the file');
    t.equal(res.json().personalDataMasked, true);
    t.notOk(res.body.includes(JSON.stringify(events[0]?.type === 'ApplicationSubmitted' ? events[0].data.applicant.name : 'x')), 'the applicant\'s name is masked');
    t.equal((await f.get('/cases/legal-aid/app-2/history', f.tokens.baiyunAuditor)).statusCode, 200, 'the office holding it now');
    t.equal((await f.get('/cases/legal-aid/app-2/history', f.tokens.huaduAuditor)).statusCode, 200, 'the station that received it');
  });

  t.test('as of a moment between the transfer and its receipt, and the diff across the transfer', async (t) => {
    // Recorded in two appends with a moment between them, so "as of" falls between the transfer and its receipt.
    const events = transferLife();
    const received = events.findIndex((e) => e.type === 'TransferredApplicationReceived');
    const toAppend: EventToAppend[] = events.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) })));
    await f.app.eventStore.appendToStream('legalAidCase-app-4', toAppend.slice(0, received), { expectedRevision: 'no_stream' });
    const between = await momentAfterLastRecorded(f, 'legalAidCase-app-4');
    await f.app.eventStore.appendToStream('legalAidCase-app-4', toAppend.slice(received), { expectedRevision: BigInt(received - 1) });
    const asOf = await f.get(`/cases/legal-aid/app-4/as-of?at=${encodeURIComponent(between.toISOString())}&personalData=shown`, f.tokens.cityAuditor);
    t.equal(asOf.statusCode, 200, asOf.body);
    const then = asOf.json();
    t.equal(then.revision, String(received - 1), 'the record then ended at the transfer');
    const stream = (await stored(f, 'legalAidCase-app-4')).map((e) => legalAidEvents.fromRecorded(e));
    const foldedThen = JSON.parse(JSON.stringify(foldLegalAid(stream.slice(0, received))));
    t.same(then.state, foldedThen, 'the state then is the legal-aid fold of the events recorded by then');
    t.not(then.state.holderOfficeId, 'baiyun-legal-aid', 'not yet received by the competent office');
    // Received 2025-11-03 (a Monday) at the station: the review's 7 working days end with 12 November, and
    // the competent office's clock counts from that original receipt, not from the transfer.
    t.same(then.due, [{ path: 'review.current.dueAt', dueAt: local('2025-11-13 00:00').toISOString(), passed: true }], 'what was due then: the review, long passed by this moment');
    t.equal(foldedThen.review.current.dueAt, then.due[0].dueAt, 'the legal-aid fold\'s own deadline');
    const now = (await f.get('/cases/legal-aid/app-4/as-of?at=' + encodeURIComponent(new Date().toISOString()), f.tokens.cityAuditor)).json();
    t.equal(now.revision, String(events.length - 1), 'as of now: the last event');
    const across = (await f.get(`/cases/legal-aid/app-4/diff?from=${received - 1}&to=${received}`, f.tokens.cityAuditor)).json();
    t.same(across.events, [{ revision: String(received), type: 'TransferredApplicationReceived' }], 'the diff names the event between the points');
    t.ok(across.changes.some((c: { path: string; before?: unknown; after: unknown }) => c.path === 'holderOfficeId' && c.after === 'baiyun-legal-aid' && c.before !== 'baiyun-legal-aid'), JSON.stringify(across.changes));
    const byMoment = (await f.get(`/cases/legal-aid/app-4/diff?from=${encodeURIComponent(between.toISOString())}&to=${received}`, f.tokens.cityAuditor)).json();
    t.equal(byMoment.fromRevision, String(received - 1), 'a point given as a moment is the last event recorded by then');
    t.same(byMoment.changes, across.changes);
  });

  t.test('a kept case viewed again after it moved to another office: the view recorded again with the owners shown', async (t) => {
    const events = transferLife();
    const received = events.findIndex((e) => e.type === 'TransferredApplicationReceived');
    const toAppend: EventToAppend[] = events.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) })));
    await f.app.eventStore.appendToStream('legalAidCase-app-3', toAppend.slice(0, received), { expectedRevision: 'no_stream' });
    const viewer = f.token('city_auditor', 'gz', 'auditor-moved');
    t.equal((await f.get('/cases/legal-aid/app-3/history', viewer)).statusCode, 200);
    await f.app.eventStore.appendToStream('legalAidCase-app-3', toAppend.slice(received), { expectedRevision: BigInt(received - 1) });
    const after = await f.get('/cases/legal-aid/app-3/history', viewer);
    t.equal(after.statusCode, 200);
    t.equal(after.json().totalEvents, events.length, 'the moved case is shown as it is now');
    const today = new Date().toISOString().slice(0, 10);
    // The records themselves (the report's rows do not show owners).
    const views = (await viewsOfDay(f.app.eventStore, today)).filter((v) => v.viewer.id === 'auditor-moved' && v.caseId === 'app-3');
    // The first view once; the second recorded while the kept replay was checked (its owners), then again as shown.
    t.equal(views.length, 3, JSON.stringify(views.map((v) => v.owners)));
    t.same(views[1]?.owners, views[0]?.owners, 'recorded early with the kept owners');
    t.ok(views[2]?.owners.includes('baiyun-legal-aid'), `recorded again with the owners shown: ${views[2]?.owners.join(', ')}`);
    t.notOk(views[0]?.owners.includes('baiyun-legal-aid'), 'before the transfer, another owner');
  });

  t.test('a village ledger with a correction', async (t) => {
    const history: LedgerEvent[] = [opened, logged('e1')];
    history.push(...decideLedger({ type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 90 }, reason: '时长登记有误' } }, foldLedger(history), ledgerContext('2026-03-20 11:00')));
    t.equal(history.length, 3);
    t.ok(foldLedger(history).status === 'open');
    const toAppend = history.map((e, i) => inDemoCity(advisorLedgerEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) })));
    await f.app.eventStore.appendToStream('advisorLedger-huadu-xinhua-sanhua_2026-03', toAppend, { expectedRevision: 'no_stream' });
    const res = await f.get('/cases/advisor-ledger/huadu-xinhua-sanhua_2026-03/history?state=full&personalData=shown', f.tokens.cityAuditor);
    t.equal(res.statusCode, 200, res.body);
    t.same(res.json().entries.at(-1).state, JSON.parse(JSON.stringify(foldLedger((await stored(f, 'advisorLedger-huadu-xinhua-sanhua_2026-03')).map((e) => advisorLedgerEvents.fromRecorded(e))))), 'the advisors\' own fold');
    const correction = res.json().entries[2].changes;
    t.match(correction.find((c: { path: string }) => c.path === 'entries[0].content.durationMinutes'), { before: 60, after: 90 });
    const asOf = (await f.get(`/cases/advisor-ledger/huadu-xinhua-sanhua_2026-03/as-of?at=${encodeURIComponent(res.json().entries[1].recordedAt)}`, f.tokens.cityAuditor)).json();
    t.equal(asOf.revision, '2', 'as of the logging: recorded in one append with the correction, so the same instant holds both');
    t.equal((await f.get('/cases/advisor-ledger/huadu-xinhua-sanhua_2026-03/history', f.tokens.huaduAuditor)).statusCode, 200, 'the village\'s district');
    t.equal((await f.get('/cases/advisor-ledger/huadu-xinhua-sanhua_2026-03/history', f.tokens.baiyunAuditor)).statusCode, 404, 'another district');
  });

  t.test('a ledger corrected later: as of before the correction the entry as logged, the diff across it', async (t) => {
    // May's ledger of the same village (April's is the linked-cases test's), served by 林律师 since 16 March.
    const may: LedgerEvent = { type: 'LedgerMonthOpened', data: { ...opened.data, month: '2026-05' } } as LedgerEvent;
    const history: LedgerEvent[] = [may, logged('e1', { date: '2026-05-05', advisorId: lin }, '2026-05-20 10:00')];
    const stream = 'advisorLedger-huadu-xinhua-sanhua_2026-05';
    const toAppend = (events: LedgerEvent[], from: number) => events.map((e, i) => inDemoCity(advisorLedgerEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(from + i) })));
    await f.app.eventStore.appendToStream(stream, toAppend(history, 0), { expectedRevision: 'no_stream' });
    const beforeCorrection = await momentAfterLastRecorded(f, stream);
    const correction = decideLedger({ type: 'CorrectEntry', data: { entryId: 'e1', correction: { durationMinutes: 90 }, reason: '时长登记有误' } }, foldLedger(history), ledgerContext('2026-05-20 11:00', { month: '2026-05' }));
    await f.app.eventStore.appendToStream(stream, toAppend(correction, history.length), { expectedRevision: 1n });
    const path = '/cases/advisor-ledger/huadu-xinhua-sanhua_2026-05';
    const then = (await f.get(`${path}/as-of?at=${encodeURIComponent(beforeCorrection.toISOString())}&personalData=shown`, f.tokens.cityAuditor)).json();
    t.equal(then.revision, '1');
    const asLogged = (await stored(f, stream)).slice(0, history.length).map((e) => advisorLedgerEvents.fromRecorded(e));
    t.same(then.state, JSON.parse(JSON.stringify(foldLedger(asLogged))), 'the advisors\' fold of the ledger as logged');
    t.equal(then.state.entries[0].content.durationMinutes, 60, 'as logged: 60 minutes');
    const after = (await f.get(`${path}/as-of?at=${encodeURIComponent(new Date().toISOString())}&personalData=shown`, f.tokens.cityAuditor)).json();
    t.equal(after.state.entries[0].content.durationMinutes, 90, 'after the correction: 90 minutes');
    const diff = (await f.get(`${path}/diff?from=${encodeURIComponent(beforeCorrection.toISOString())}&to=2`, f.tokens.cityAuditor)).json();
    t.same(diff.events.map((e: { type: string }) => e.type), correction.map((e) => e.type));
    t.match(diff.changes.find((c: { path: string }) => c.path === 'entries[0].content.durationMinutes'), { before: 60, after: 90 }, 'the diff names the corrected field, before and after');
  });

  t.test('linked cases: a work order and a ledger entry referred to legal aid, both ways', async (t) => {
    const workOrderId = await f.orderWithExtension(undefined, 'GZ-REF-1');
    const fromHotline = historyOf({ command: submit({ applicationId: 'app-ref-1', channel: { kind: 'hotline_referral', workOrderId } }), now: local('2025-11-03 10:00') });
    await f.app.eventStore.appendToStream('legalAidCase-app-ref-1', fromHotline.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))));
    const ledger: LedgerEvent[] = [{ type: 'LedgerMonthOpened', data: { villageId: 'village-dongsha', judicialOfficeId: 'jo-shilou', month: '2026-04' } }, logged('e9', { type: 'legal_aid_referral', legalAidApplicationId: 'app-ref-2' }, '2026-04-20 10:00')];
    if (ledger[1]?.type === 'ServiceLogged') ledger[1] = { ...ledger[1], data: { ...ledger[1].data, content: { ...ledger[1].data.content, date: '2026-04-05' } } };
    await f.app.eventStore.appendToStream('advisorLedger-huadu-xinhua-sanhua_2026-04', ledger.map((e, i) => inDemoCity(advisorLedgerEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))));
    const fromAdvisor = historyOf({ command: submit({ applicationId: 'app-ref-2', channel: { kind: 'advisor_referral', ledgerEntryId: 'e9' } }), now: local('2026-04-21 10:00') });
    await f.app.eventStore.appendToStream('legalAidCase-app-ref-2', fromAdvisor.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))));
    await f.settled();
    const links = async (url: string, token = f.tokens.huaduAuditor) => {
      const res = await f.get(`${url}/links`, token);
      t.equal(res.statusCode, 200, res.body);
      return res.json().links;
    };
    t.same(await links('/cases/legal-aid/app-ref-1'), [{ kind: 'work-order', caseId: workOrderId, relation: 'referred_from' }]);
    t.same(await links(`/cases/work-order/${workOrderId}`), [{ kind: 'legal-aid', caseId: 'app-ref-1', relation: 'referred_to' }]);
    t.same(await links('/cases/legal-aid/app-ref-2'), [{ kind: 'advisor-ledger', caseId: 'huadu-xinhua-sanhua_2026-04', relation: 'referred_from', entryId: 'e9' }]);
    t.same(await links('/cases/advisor-ledger/huadu-xinhua-sanhua_2026-04'), [{ kind: 'legal-aid', caseId: 'app-ref-2', relation: 'referred_to', entryId: 'e9' }]);

    // A second referral of the same order, appended after the links were first asked for: the index
    // reads on from where it stopped and finds it.
    const again = historyOf({ command: submit({ applicationId: 'app-ref-3', channel: { kind: 'hotline_referral', workOrderId } }), now: local('2025-11-04 10:00') });
    await f.app.eventStore.appendToStream('legalAidCase-app-ref-3', again.map((e, i) => inDemoCity(legalAidEvents.toAppend(e, { id: crypto.randomUUID(), envelope: envelope(i) }))));
    await f.settled();
    t.same(await links(`/cases/work-order/${workOrderId}`), [
      { kind: 'legal-aid', caseId: 'app-ref-1', relation: 'referred_to' },
      { kind: 'legal-aid', caseId: 'app-ref-3', relation: 'referred_to' },
    ], 'the referral appended since is found');
    t.same(await links('/cases/legal-aid/app-ref-3'), [{ kind: 'work-order', caseId: workOrderId, relation: 'referred_from' }]);
  });
});
