// Walk-in consultations over HTTP: recorded at a counter (a retried POST records one visit), voided,
// listed and counted within the caller's reach; bad input is a problem naming the field, nothing written.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { legalAidFixture, ORG } from './support.js';

async function walkInFixture(t: Parameters<typeof legalAidFixture>[0]) {
  const f = await legalAidFixture(t);
  for (let i = 0; !(await f.app.pg.query(`SELECT to_regclass('public.walk_in_consultations') AS t`)).rows[0]?.t; i += 1) {
    if (i > 400) throw new Error('the walk-in read model was never created');
    await new Promise((r) => setTimeout(r, 25));
  }
  const visit = (extra: object = {}) => ({
    consultationId: randomUUID(), placeId: ORG.huaduStation, occurredAt: '2026-03-02T08:30:00+08:00', persons: 1, topic: 'labour', answer: 'answered_on_the_spot', ...extra,
  });
  const record = (body: object, authorization = f.tokens.huaduClerk) => f.app.inject({ method: 'POST', url: '/walk-in-consultations', headers: { authorization }, payload: body });
  const voidIt = (id: string, authorization = f.tokens.huaduClerk, reason = '重复登记') =>
    f.app.inject({ method: 'POST', url: `/walk-in-consultations/${id}/void`, headers: { authorization }, payload: { commandId: randomUUID(), reason } });
  return { ...f, visit, record, voidIt };
}

t.test('a visit recorded at the counter; a retried POST (same consultationId, with or without the commandId) records one visit', async (t) => {
  const f = await walkInFixture(t);
  const body = f.visit({ commandId: randomUUID(), persons: 2, topic: 'marriage_family' });
  const first = await f.record(body);
  t.equal(first.statusCode, 201, first.body);
  t.strictSame(first.json().events, ['WalkInConsultationRecorded']);
  const again = await f.record(body);
  t.equal(again.statusCode, 200, again.body);
  t.equal(again.json().alreadyApplied, true);
  const { commandId: _c, ...withoutKey } = body as Record<string, unknown>;
  const sameVisit = await f.record({ ...withoutKey, commandId: randomUUID() });
  t.equal(sameVisit.statusCode, 200, 'the same visit under another key records nothing');
  t.strictSame(sameVisit.json().events, []);
  const changed = await f.record({ ...withoutKey, persons: 3 });
  t.equal(changed.statusCode, 422, 'the same consultationId for another visit is refused');
  t.equal(changed.json().rule, 'already_recorded');
  const { rows } = await f.app.pg.query(`SELECT count(*)::int AS n FROM event_store.events WHERE stream_name = $1`, [`walkInConsultation-${body.consultationId}`]);
  t.equal(Number(rows[0]?.n), 1, 'one event in the visit\'s stream');
  const list = await f.get(`/walk-in-consultations?${f.after(first)}`, f.tokens.huaduHead);
  t.equal(list.statusCode, 200, list.body);
  t.equal(list.json().total, 1);
  t.match(list.json().entries[0], { consultationId: body.consultationId, placeId: ORG.huaduStation, districtId: 'huadu', persons: 2, topic: 'marriage_family', voided: false });
});

t.test('bad input: a problem naming the field and the rule, and nothing written', async (t) => {
  const f = await walkInFixture(t);
  const before = await f.streamRevisions();
  const cases: { body: object; field: string; status?: number; token?: string }[] = [
    { body: f.visit({ persons: 0 }), field: 'body.persons' },
    { body: f.visit({ persons: 51 }), field: 'body.persons' },
    { body: f.visit({ topic: 'divorce' }), field: 'body.topic' },
    { body: f.visit({ answer: 'ignored' }), field: 'body.answer' },
    { body: f.visit({ answer: 'referred_to_other_authority' }), field: 'body.referredTo' },
    { body: f.visit({ answer: 'referred_to_mediation', referredTo: '调解委员会' }), field: 'body.referredTo' },
    { body: f.visit({ occurredAt: 'this morning' }), field: 'body.occurredAt' },
    { body: f.visit({ consultationId: 'not-a-uuid' }), field: 'body.consultationId' },
    { body: f.visit({ name: '张三' }), field: 'body' },
    { body: f.visit({ note: 'x'.repeat(501) }), field: 'body.note' },
    { body: f.visit({ placeId: 'nowhere' }), field: 'body.placeId', status: 422 },
    { body: f.visit({ placeId: ORG.baiyunStation }), field: 'body.placeId', status: 422 },
    // A clerk's reach is the station: the district's centre is not theirs to record at.
    { body: f.visit({ placeId: 'huadu-plsc' }), field: 'body.placeId', status: 422 },
  ];
  for (const c of cases) {
    const res = await f.record(c.body, c.token);
    t.equal(res.statusCode, c.status ?? 400, `${c.field}: ${res.body}`);
    t.match(res.headers['content-type'], /application\/problem\+json/);
    const errors = (res.json() as { errors?: { field: string; rule: string }[] }).errors ?? [];
    t.ok(errors.some((e) => e.field.startsWith(c.field) && e.rule), `${c.field} named: ${res.body}`);
  }
  const future = await f.record(f.visit({ occurredAt: '2026-03-02T09:30:00+08:00' }));
  t.equal(future.statusCode, 422);
  t.equal(future.json().rule, 'visit_in_future');
  const noReason = await f.app.inject({ method: 'POST', url: `/walk-in-consultations/${randomUUID()}/void`, headers: { authorization: f.tokens.huaduClerk }, payload: { commandId: randomUUID(), reason: ' ' } });
  t.equal(noReason.statusCode, 400);
  t.match(noReason.json().errors, [{ field: 'body.reason' }]);
  const badMonth = await f.get('/walk-in-consultations?month=2026-13', f.tokens.huaduHead);
  t.equal(badMonth.statusCode, 400);
  t.match(badMonth.json().errors, [{ field: 'querystring.month' }]);
  t.strictSame(await f.streamRevisions(), before, 'nothing was written');
});

t.test('lists and counts within reach; a visit elsewhere is as missing as an unknown one; voided ones are not counted', async (t) => {
  const f = await walkInFixture(t);
  const ok = async (res: Awaited<ReturnType<typeof f.record>>) => {
    t.equal(res.statusCode, 201, res.body);
    return res.json() as { consultationId: string; position: string };
  };
  const a = await ok(await f.record(f.visit({ persons: 2, topic: 'labour', occurredAt: '2026-03-01T10:00:00+08:00' })));
  const b = await ok(await f.record(f.visit({ persons: 1, topic: 'consumer', answer: 'referred_to_legal_aid', occurredAt: '2026-03-02T08:00:00+08:00' })));
  const c = await ok(await f.record(f.visit({ persons: 3, topic: 'labour', answer: 'referred_to_other_authority', referredTo: '区人社局', placeId: 'huadu-xinhua-sanhua', occurredAt: '2026-02-28T15:00:00+08:00' }), f.tokens.huaduReviewer));
  const centre = await ok(await f.record(f.visit({ placeId: 'huadu-plsc', persons: 4, topic: 'other' }), f.token('centre_staff', 'huadu-plsc')));
  const baiyun = await ok(await f.record(f.visit({ placeId: ORG.baiyunStation, persons: 5 }), f.tokens.baiyunClerk));
  const fresh = `after=${encodeURIComponent(baiyun.position)}`;

  const list = async (query: string, token: string) => (await f.get(`/walk-in-consultations?${fresh}&${query}`, token)).json() as { total: number; entries: { consultationId: string }[] };
  const ids = async (query: string, token: string) => (await list(query, token)).entries.map((e) => e.consultationId);
  t.strictSame(await ids('sort=occurredAt', f.tokens.huaduHead), [c.consultationId, a.consultationId, b.consultationId, centre.consultationId], 'the district, by time of visit');
  t.strictSame(await ids('', f.tokens.huaduClerk), [b.consultationId, a.consultationId], 'the station clerk: their station, newest first');
  t.strictSame(await ids('month=2026-02', f.tokens.huaduAuditor), [c.consultationId], 'by month (Beijing time)');
  t.strictSame(await ids('topic=labour&sort=occurredAt', f.tokens.huaduHead), [c.consultationId, a.consultationId], 'by topic');
  // Keyset paging (the kit's sort / cursor / limit): a page, the next by its link, and back.
  type Paged = { total: number; entries: { consultationId: string }[]; nextCursor: string | null; previousCursor: string | null; next: string | null; previous: string | null };
  const first = await list(`placeId=${ORG.huaduStation}&limit=1`, f.tokens.huaduHead) as Paged;
  t.match(first, { total: 2, previousCursor: null, previous: null, nextCursor: String, next: /^\/walk-in-consultations\?.*cursor=/ });
  t.strictSame(first.entries.map((e) => e.consultationId), [b.consultationId], 'paged: the newest first');
  const second = (await f.get(first.next ?? '', f.tokens.huaduHead)).json() as Paged;
  t.strictSame(second.entries.map((e) => e.consultationId), [a.consultationId], 'the next page by its link');
  t.match(second, { nextCursor: null, next: null, previousCursor: String });
  const back = (await f.get(second.previous ?? '', f.tokens.huaduHead)).json() as Paged;
  t.strictSame(back.entries.map((e) => e.consultationId), [b.consultationId], 'and back');
  const otherSort = await f.get(`/walk-in-consultations?${fresh}&sort=occurredAt&cursor=${first.nextCursor}`, f.tokens.huaduHead);
  t.equal(otherSort.statusCode, 400, 'a cursor of another sort');
  t.match(otherSort.json().errors, [{ field: 'querystring.cursor', rule: 'cursor_sort' }]);
  t.equal((await f.get(`/walk-in-consultations?${fresh}&offset=1`, f.tokens.huaduHead)).statusCode, 400, 'offsets are no longer taken');
  t.equal((await list(`placeId=${ORG.huaduStation}&limit=1`, f.tokens.huaduHead)).total, 2, 'the total beside the page');
  t.strictSame(await ids(`placeId=${ORG.huaduStation}`, f.tokens.baiyunHead), [], 'another district\'s station lists nothing');
  t.equal((await list('', f.tokens.cityAuditor)).total, 5, 'the city sees every district');

  const counts = async (token: string) => (await f.get(`/walk-in-consultations/counts/2026-03?${fresh}`, token)).json() as {
    persons: number; visits: number; places: { placeId: string; persons: number; byTopic: Record<string, number>; byAnswer: Record<string, number> }[];
  };
  const huadu = await counts(f.tokens.huaduHead);
  t.equal(huadu.persons, 2 + 1 + 4, '人次 in March, 花都 only');
  t.equal(huadu.visits, 3);
  t.match(huadu.places.find((p) => p.placeId === ORG.huaduStation), { persons: 3, byTopic: { labour: 2, consumer: 1 }, byAnswer: { answered_on_the_spot: 2, referred_to_legal_aid: 1 } });
  t.notOk(huadu.places.some((p) => p.placeId.startsWith('baiyun')), 'nothing of 白云');
  t.equal((await counts(f.tokens.cityAdmin)).persons, 12, 'the city: both districts');

  // Voiding: another district's visit answers exactly as a visit that does not exist, and nothing changes.
  const strip = (body: string) => {
    const { requestId: _r, instance: _i, ...rest } = JSON.parse(body) as Record<string, unknown>;
    return rest;
  };
  const before = await f.streamRevisions();
  const theirs = await f.voidIt(a.consultationId, f.tokens.baiyunHead);
  const unknown = await f.voidIt(randomUUID(), f.tokens.baiyunHead);
  t.equal(theirs.statusCode, 404, theirs.body);
  t.strictSame(strip(theirs.body), strip(unknown.body), 'the same answer as for no visit');
  t.strictSame(await f.streamRevisions(), before, 'nothing written');
  const voided = await f.voidIt(a.consultationId);
  t.equal(voided.statusCode, 200, voided.body);
  t.strictSame(voided.json().events, ['WalkInConsultationVoided']);
  const afterVoid = `after=${encodeURIComponent(voided.json().position)}`;
  const recount = (await f.get(`/walk-in-consultations/counts/2026-03?${afterVoid}`, f.tokens.huaduHead)).json() as { persons: number };
  t.equal(recount.persons, 5, 'a voided visit is no longer counted');
  const withVoided = (await f.get(`/walk-in-consultations?${afterVoid}&includeVoided=true&placeId=${ORG.huaduStation}`, f.tokens.huaduHead)).json() as { entries: { consultationId: string; voided: boolean }[] };
  t.match(withVoided.entries.find((e) => e.consultationId === a.consultationId), { voided: true });
});
