// The lists page and sort on the server: every page in turn yields every file once, in the order asked
// (green channel first in the worklist), and back again; a sort not on the whitelist is a 400 naming
// it; the count is of the caller's own district only. And one file's timeline, its lawyer named.
import t from 'tap';
import { application, baiyunFacts, legalAidFixture, residentId } from './support.js';

interface Listed { entries: { caseId: string; greenChannel: boolean; receivedAt: string; nextDueAt: string | null; applicationNumber: string | null; overdue: boolean }[]; total: number; nextCursor: string | null; previousCursor: string | null; next: string | null }

t.test('paged lists, their counts, a file\'s timeline', async (t) => {
  const f = await legalAidFixture(t, { start: '2026-03-02 09:00' });
  let fresh = '';
  const huadu: string[] = [];
  const baiyun: string[] = [];
  // Seven in 花都 (two in the green channel), received over a week; two in 白云. Names share 陈小.
  for (let i = 0; i < 7; i += 1) {
    f.clock.set(`2026-03-0${2 + (i % 5)} ${10 + i}:00`);
    const body = application({}, { name: `陈小${'一二三四五六七'[i]}`, id: residentId('19800101', 100 + i) });
    // The green channel comes from the applicant's groups.
    const groups: string[] = i === 2 || i === 5 ? ['disabled'] : [];
    const res = await f.submit({ ...body, applicant: { ...body.applicant, groups } }, f.tokens.huaduReviewer);
    t.equal(res.statusCode, 201, res.body);
    huadu.push((res.json() as { caseId: string }).caseId);
    fresh = f.after(res);
  }
  for (let i = 0; i < 2; i += 1) {
    const res = await f.submit(application({ competenceFacts: baiyunFacts }, { name: `陈小白${i}`, id: residentId('19800101', 200 + i) }), f.tokens.baiyunClerk);
    t.equal(res.statusCode, 201, res.body);
    baiyun.push((res.json() as { caseId: string }).caseId);
    fresh = f.after(res);
  }
  f.clock.set('2026-03-09 09:00');
  const list = async (url: string, token = f.tokens.huaduHead) => {
    const res = await f.get(`${url}${url.includes('?') ? '&' : '?'}${fresh}`, token);
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json() as Listed;
  };
  /** Every page from the first, following nextCursor; then back from the last, following previousCursor. */
  const walk = async (path: string, query: string) => {
    const pages: string[][] = [];
    let page = await list(`${path}?${query}&limit=2`);
    pages.push(page.entries.map((e) => e.caseId));
    while (page.nextCursor !== null && pages.length < 20) {
      page = await list(`${path}?${query}&limit=2&cursor=${page.nextCursor}`);
      pages.push(page.entries.map((e) => e.caseId));
    }
    const back: string[][] = [];
    while (page.previousCursor !== null && back.length < 20) {
      page = await list(`${path}?${query}&limit=2&cursor=${page.previousCursor}`);
      back.unshift(page.entries.map((e) => e.caseId));
    }
    t.same(back, pages.slice(0, -1), `${path}?${query}: the previous pages are the same pages`);
    return pages;
  };

  t.test('the worklist: every file once in each sort, green channel first, back and forth', async (t) => {
    for (const sort of ['nextDueAt', '-receivedAt', 'applicationNumber']) {
      const whole = await list(`/worklist?sort=${sort}&limit=500`);
      t.equal(whole.total, 7, `${sort}: 花都's seven, counted`);
      t.same(whole.entries.map((e) => e.caseId).sort(), [...huadu].sort(), `${sort}: 花都's own`);
      const greens = whole.entries.map((e) => e.greenChannel);
      t.equal(greens.filter(Boolean).length, 2, `${sort}: two in the green channel`);
      t.same(greens, [...greens].sort((a, b) => Number(b) - Number(a)), `${sort}: green channel first`);
      const pages = await walk('/worklist', `sort=${sort}`);
      t.same(pages.flat(), whole.entries.map((e) => e.caseId), `${sort}: the pages in turn are the whole list, each file once`);
      t.same(pages.map((p) => p.length), [2, 2, 2, 1]);
    }
    const byReceipt = (await list('/worklist?sort=-receivedAt&limit=500')).entries.filter((e) => !e.greenChannel).map((e) => e.receivedAt);
    t.same(byReceipt, [...byReceipt].sort().reverse(), 'newest first within the ordinary files');
    const first = await list('/worklist?sort=receivedAt&limit=3');
    t.match(first.next, /^\/worklist\?sort=receivedAt&limit=3&cursor=/, 'the next page\'s address keeps the query');
  });

  t.test('one organisation\'s list by deadline (read from its index\'s ranges) is the district\'s list in the same order, overdue first', async (t) => {
    // Half-way through the review limits: some of the seven are overdue at this instant, some not.
    f.clock.set('2026-03-12 12:00');
    try {
      for (const sort of ['nextDueAt', '-nextDueAt']) {
        const district = await list(`/worklist?sort=${sort}&limit=500`);
        const own = await list(`/worklist?organisationId=huadu-legal-aid&sort=${sort}&limit=500`);
        t.equal(own.total, 7, `${sort}: the office's seven, counted`);
        t.same(own.entries.map((e) => e.caseId), district.entries.map((e) => e.caseId), `${sort}: the same order as the district's list`);
        const flags = own.entries.map((e) => `${e.greenChannel ? 'green' : 'ordinary'} ${e.overdue ? 'overdue' : 'due'}`);
        t.ok(new Set(flags).size >= 3, `${sort}: green and ordinary, overdue and not, all in the list (${[...new Set(flags)].join(', ')})`);
        const rank = (e: Listed['entries'][number]) => (e.greenChannel ? 0 : 2) + (e.overdue === (sort === 'nextDueAt') ? 0 : 1);
        const ranks = own.entries.map(rank);
        t.same(ranks, [...ranks].sort((a, b) => a - b), `${sort}: green channel first, then overdue first (last going down)`);
        // Within each of those, by the deadline (none last), then the receipt: going down, the exact reverse.
        const due = (e: Listed['entries'][number]) => `${e.nextDueAt ?? '9999'} ${e.receivedAt}`;
        const inOrder = own.entries.every((e, i) => {
          const next = own.entries[i + 1];
          if (next === undefined || rank(next) !== rank(e)) return true;
          return sort === 'nextDueAt' ? due(e) <= due(next) : due(e) >= due(next);
        });
        t.ok(inOrder, `${sort}: by the next deadline, then the receipt, within each`);
        const pages = await walk('/worklist', `organisationId=huadu-legal-aid&sort=${sort}`);
        t.same(pages.flat(), own.entries.map((e) => e.caseId), `${sort}: its pages in turn are the whole list, each file once, and back again`);
        t.equal((await list(`/worklist?organisationId=huadu-legal-aid&sort=${sort}&overdue=true&limit=500`)).total, own.entries.filter((e) => e.overdue).length, `${sort}: the overdue counted`);
      }
      t.equal((await list('/worklist?organisationId=huadu-legal-aid&limit=5', f.tokens.baiyunHead)).total, 0, 'another district\'s office: nothing, not even a count');
      const station = await list('/worklist?limit=5', f.tokens.baiyunClerk);
      t.same(station.entries.map((e) => e.caseId).sort(), [...baiyun].sort(), 'a station\'s own list (a reach of one): the two it received, no other');
      t.equal(station.total, 2);
    } finally {
      f.clock.set('2026-03-09 09:00');
    }
  });

  t.test('the search pages too, and counts only the caller\'s district', async (t) => {
    const name = encodeURIComponent('陈小');
    t.equal((await list(`/search?name=${name}&limit=100`)).total, 7, '花都 finds its seven');
    t.equal((await list(`/search?name=${name}&limit=100`, f.tokens.baiyunHead)).total, 2, '白云 counts its two only');
    t.equal((await list(`/worklist?limit=1`, f.tokens.baiyunHead)).total, 2, '白云\'s worklist counts its two');
    t.equal((await list(`/search?name=${name}&limit=100`, f.tokens.cityAuditor)).total, 9, 'the city counts all');
    const pages = await walk('/search', `name=${name}`);
    t.same(pages.flat().sort(), [...huadu].sort(), 'every match once');
  });

  t.test('a sort not on the list is a 400 naming it; a cursor of another sort too', async (t) => {
    const bad = await f.get(`/worklist?sort=recipientName&${fresh}`);
    t.equal(bad.statusCode, 400);
    t.match(bad.json(), { errors: [{ field: 'querystring.sort' }] });
    const first = await list('/worklist?sort=receivedAt&limit=2');
    const mixed = await f.get(`/worklist?sort=-receivedAt&cursor=${first.nextCursor}&${fresh}`);
    t.equal(mixed.statusCode, 400);
    t.match(mixed.json(), { errors: [{ field: 'querystring.cursor', rule: 'cursor_sort' }] });
    t.match((await f.get(`/search?name=%E9%99%88%E5%B0%8F&sort=nextDueAt&${fresh}`)).json(), { status: 400, errors: [{ field: 'querystring.sort' }] }, 'the search has its own list');
  });

  t.test('the timeline: every event with who and when; the lawyer named, in the file too', async (t) => {
    const caseId = huadu[0] ?? '';
    await f.registerLawyer('huadu', { lawyerId: 'lawyer-chen', name: '陈律师', firmId: 'firm-huadu-1', firmName: '花都正义律师事务所', since: '2015-01-01' });
    t.equal((await f.post(caseId, 'preliminary-aid', { ground: { kind: 'preservation_needed', what: 'property' } })).statusCode, 200);
    const assigned = await f.post(caseId, 'lawyer-assignment', { lawyerId: 'lawyer-chen' });
    t.equal(assigned.statusCode, 200, assigned.body);
    const file = (await f.get(`/files/${caseId}`)).json();
    t.same(file.lawyer, { lawyerId: 'lawyer-chen', name: '陈律师', firmId: 'firm-huadu-1', firmName: '花都正义律师事务所' });
    const timeline = (await f.get(`/files/${caseId}/timeline`)).json();
    t.same(timeline.entries.map((e: { type: string }) => e.type), ['ApplicationSubmitted', 'PreliminaryAidDecided', 'LawyerAssigned']);
    t.match(timeline.entries[0], { revision: '0', actor: { role: 'legal_aid_reviewer', organisation: 'huadu-legal-aid', organisationName: /花都/ }, occurredAt: String, recordedAt: String });
    t.match(timeline.entries[2], { actor: { role: 'legal_aid_head' }, lawyer: { name: '陈律师', firmName: '花都正义律师事务所' } });
    t.ok(JSON.stringify(timeline).includes(residentId('19800101', 100)), 'the office sees the file in full');
    const masked = await f.get(`/files/${caseId}/timeline`, f.tokens.cityAdmin);
    t.equal(masked.statusCode, 200);
    t.notOk(masked.body.includes(residentId('19800101', 100)) || masked.body.includes('陈小一') || masked.body.includes('13912345678'), 'the city administrator sees it masked');
    t.equal((await f.get(`/files/${caseId}/timeline`, f.tokens.huaduAuditor)).statusCode, 403, 'auditors read cases in the audit service, where each view is recorded');
    t.equal((await f.get(`/files/${caseId}/timeline`, f.tokens.baiyunHead)).statusCode, 404, 'another district: no such file');
  });
});
