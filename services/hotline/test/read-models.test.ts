// The read models over a scripted month (March 2026, no public holiday; 28 February was a make-up
// working day): worklist, order detail, timeline and the monthly figures, each expected by hand.
import pg from 'pg';
import t from 'tap';
import { runWorkOrderCommand } from '../src/commands/run-work-order-command.js';
import { deadlineTimerActor } from '../src/timers/fire-timer.js';
import { hotlineFixture, local } from './support/app.js';

t.test('read models of a scripted month', async (t) => {
  // The script jumps the clock across due times; the firing loop would then add overdue events at moments
  // that depend on scheduling. Timers are proven in test/timers; here only the read side is under test.
  const f = await hotlineFixture(t, { start: '2026-02-27 10:00', env: { READ_YOUR_WRITES_WAIT_MS: '3000', DEADLINE_TIMERS_FIRE: 'false' } });
  let last = '';
  const step = async (at: string, call: () => Promise<{ statusCode: number; body: string; json(): { position?: string | null } }>) => {
    f.clock.set(at);
    const res = await call();
    if (res.statusCode !== 200) throw new Error(`${at}: ${res.statusCode} ${res.body}`);
    last = res.json().position ?? last;
  };
  const id = (orderNo: string) => f.idOf(orderNo);
  const sign = (no: string) => () => f.staffPost(id(no), 'sign-for');
  const reply = (no: string) => () => f.staffPost(id(no), 'reply', { answer: '已办理并答复' });
  const followUp = (no: string, satisfaction: string, resolved: boolean, causedByUnit = false) => () =>
    f.push('followup.recorded', no, { satisfaction, resolved, causedByUnit });

  // F: 咨询 dispatched in February, due at the end of Monday 2 March (Saturday 28 Feb was a working day), replied late.
  await step('2026-02-27 10:00', () => f.dispatch('F', { category: 'consultation' }));
  await step('2026-02-27 10:30', sign('F'));
  // A: 咨询, signed and replied in time, satisfied and resolved.
  await step('2026-03-02 10:00', () => f.dispatch('A', { category: 'consultation' }));
  await step('2026-03-02 11:00', sign('A'));
  await step('2026-03-03 09:00', reply('F'));
  // B: 投诉, signed late (due 11:30), replied late (due the end of 24 March), basically satisfied, unresolved.
  await step('2026-03-03 09:30', () => f.dispatch('B', { category: 'complaint' }));
  await step('2026-03-03 14:00', sign('B'));
  await step('2026-03-03 15:00', reply('A'));
  await step('2026-03-04 10:00', followUp('F', 'dissatisfied', false));
  // C: 求助, signed in time, never replied: due the end of 18 March, overdue.
  await step('2026-03-04 16:00', () => f.dispatch('C', { category: 'assistance' }));
  await step('2026-03-04 17:00', sign('C'));
  // D: 建议, returned ("not ours"), never signed for.
  await step('2026-03-05 10:00', () => f.dispatch('D', { category: 'suggestion' }));
  await step('2026-03-05 11:00', () => f.staffPost(id('D'), 'return-request', { reason: '非本单位职责' }));
  await step('2026-03-05 12:00', followUp('A', 'satisfied', true));
  await step('2026-03-06 10:00', () => f.push('return.approved', 'D', {}));
  // C's reply due time passes: the deadline timer records it (超期 counts what was recorded, not the clock).
  f.clock.set('2026-03-19 00:01');
  await runWorkOrderCommand({ store: f.app.eventStore, calendar: f.app.hotlineCalendar, events: f.app.hotline.events }, {
    workOrderId: id('C'), command: { type: 'RecordReplyOverdue', data: { dueAt: local('2026-03-19 00:00') } }, now: local('2026-03-19 00:01'),
    context: { commandId: crypto.randomUUID(), actor: deadlineTimerActor, occurredAt: local('2026-03-19 00:01') },
  });
  await step('2026-03-26 10:00', reply('B'));
  await step('2026-03-27 10:00', followUp('B', 'basically_satisfied', false));
  // E: 举报 dispatched in March, signed late, replied and rated in April.
  await step('2026-03-30 10:00', () => f.dispatch('E', { category: 'report' }));
  await step('2026-03-31 09:00', sign('E'));
  await step('2026-04-02 10:00', reply('E'));
  await step('2026-04-03 10:00', followUp('E', 'dissatisfied', false, true));
  // H: 咨询 due the end of today (10 April), assigned to staff-wang; I: dispatched today, sign-for due 11:00.
  await step('2026-04-08 10:00', () => f.dispatch('H', { category: 'consultation' }));
  await step('2026-04-08 11:00', sign('H'));
  await step('2026-04-08 11:30', () => f.staffPost(id('H'), 'assignment', { assigneeStaffId: 'staff-wang' }, f.tokens.supervisor));
  await step('2026-04-10 09:00', () => f.dispatch('I', { category: 'consultation' }));
  f.clock.set('2026-04-10 10:00');

  const read = async (url: string, token = f.tokens.staff) => {
    const res = await f.get(`${url}${url.includes('?') ? '&' : '?'}after=${encodeURIComponent(last)}`, token);
    t.equal(res.statusCode, 200, `${url}: ${res.body}`);
    return res.json();
  };

  t.test('monthly figures, each fact in its month', async (t) => {
    t.match(await read('/reports/monthly/2026-03', f.tokens.auditor), {
      month: '2026-03',
      from: local('2026-03-01 00:00').toISOString(),
      to: local('2026-04-01 00:00').toISOString(),
      dispatched: 5, // A, B, C, D, E
      timelySignForRate: { numerator: 2, denominator: 5, rate: 0.4 }, // A, C
      returnRate: { numerator: 1, denominator: 5, rate: 0.2 }, // D
      onTimeReplyRate: { numerator: 1, denominator: 3 }, // A of A, B, F (replied in March)
      satisfactionRate: { numerator: 2, denominator: 3 }, // A satisfied, B basically; F dissatisfied
      resolutionRate: { numerator: 1, denominator: 3 }, // A
      overdueCount: 3, // B and F replied late, C still open and recorded overdue; D returned; A in time
    });
    t.match(await read('/reports/monthly/2026-04'), {
      dispatched: 2, // H, I
      timelySignForRate: { numerator: 1, denominator: 2 }, // H; I not yet
      returnRate: { numerator: 0, denominator: 2, rate: 0 },
      onTimeReplyRate: { numerator: 1, denominator: 1, rate: 1 }, // E
      satisfactionRate: { numerator: 0, denominator: 1, rate: 0 }, // E
      resolutionRate: { numerator: 0, denominator: 1, rate: 0 },
      overdueCount: 0, // H due tonight, I later, E in time
    });
    t.match(await read('/reports/monthly/2026-02'), {
      dispatched: 1,
      timelySignForRate: { numerator: 1, denominator: 1, rate: 1 },
      onTimeReplyRate: { numerator: 0, denominator: 0, rate: null },
      satisfactionRate: { rate: null },
      overdueCount: 0, // F was due at 24:00 on 2 March: a March deadline
    });
    const bad = await f.get('/reports/monthly/2026-13');
    t.equal(bad.statusCode, 400);
    t.same(bad.json().errors.map((e: { field: string }) => e.field), ['params.month']);
  });

  t.test('the worklist: open orders by their next deadline, overdue and due today', async (t) => {
    const all = await read('/worklist');
    t.equal(all.now, local('2026-04-10 10:00').toISOString());
    t.same(all.entries.map((e: { externalNumber: string }) => e.externalNumber), ['C', 'I', 'H']);
    t.match(all.entries, [
      { externalNumber: 'C', status: 'handling', dueKind: 'reply', dueAt: local('2026-03-19 00:00').toISOString(), overdue: true, replyOverdue: true, dueToday: false },
      { externalNumber: 'I', status: 'awaiting_sign_for', dueKind: 'sign_for', dueAt: local('2026-04-10 11:00').toISOString(), overdue: false, dueToday: true },
      { externalNumber: 'H', dueAt: local('2026-04-11 00:00').toISOString(), overdue: false, dueToday: true, assigneeStaffId: 'staff-wang' },
    ]);
    t.same((await read('/worklist?overdue=true')).entries.map((e: { externalNumber: string }) => e.externalNumber), ['C']);
    t.same((await read('/worklist?dueToday=true')).entries.map((e: { externalNumber: string }) => e.externalNumber), ['I', 'H']);
    t.same((await read('/worklist?assignee=staff-wang')).entries.map((e: { externalNumber: string }) => e.externalNumber), ['H']);
    const bad = await f.get('/worklist?overdue=maybe&limit=0');
    t.equal(bad.statusCode, 400);
    t.same(bad.json().errors.map((e: { field: string }) => e.field).sort(), ['querystring.limit', 'querystring.overdue']);
  });

  t.test('one order: personal data for centre staff only, masked for auditors', async (t) => {
    const staffView = await read(`/work-orders/${id('C')}`);
    t.match(staffView, {
      externalNumber: 'C', category: 'assistance', categoryLabel: '求助', status: 'handling', personalDataMasked: false,
      citizen: { name: '张三丰', phone: '13812345678' }, content: '投诉：请回电 13812345678',
      signedForOnTime: true, signForOverdue: false, replyOverdue: true, replyDueAt: local('2026-03-19 00:00').toISOString(),
    });
    const auditorView = await read(`/work-orders/${id('C')}`, f.tokens.auditor);
    t.match(auditorView, { personalDataMasked: true, citizen: { name: '张**', phone: '138****5678' }, content: '投诉：请回电 138****5678' });
    t.match(await read(`/work-orders/${id('B')}`), { status: 'replied', repliedOnTime: false, followUp: { satisfaction: 'basically_satisfied', resolved: false } });
    t.equal((await f.get(`/work-orders/${f.idOf('NOBODY')}`)).statusCode, 404);
  });

  t.test('the timeline from the stream, with the chain verdict, masked for the district administrator; auditors read histories in the audit service', async (t) => {
    t.equal((await f.get(`/work-orders/${id('D')}/timeline`, f.tokens.auditor)).statusCode, 403, 'an auditor\'s view must be recorded: the audit service does it');
    const audit = await f.get(`/work-orders/${id('D')}/timeline`, f.tokens.admin);
    t.equal(audit.statusCode, 200);
    const timeline = audit.json();
    t.match(timeline, { personalDataMasked: true, chain: { intact: true, events: 3 } });
    t.same(timeline.entries.map((e: { type: string }) => e.type), ['WorkOrderDispatched', 'ReturnRequested', 'WorkOrderReturned']);
    t.match(timeline.entries[1], { actor: { id: 'staff-li', role: 'centre_staff' }, occurredAt: local('2026-03-05 11:00').toISOString() });
    t.match(timeline.entries[0].data, { citizen: { name: '张**', phone: '138****5678' } });
    t.notMatch(audit.body, '13812345678');
    t.notMatch(audit.body, '张三丰');
    const staff = (await f.get(`/work-orders/${id('D')}/timeline`)).json();
    t.match(staff.entries[0].data.citizen, { name: '张三丰' });
  });

  t.test('read-your-writes: ?after waits for the write; past the bound, a clear "not yet"', async (t) => {
    f.clock.set('2026-04-10 10:30');
    const signed = await f.staffPost(id('I'), 'sign-for');
    const detail = await f.get(`/work-orders/${id('I')}?after=${encodeURIComponent(signed.json().position)}`);
    t.match(detail.json(), { status: 'handling', signedForOnTime: true, signedForBy: 'staff-li' });
    const viaHeader = await f.app.inject({ method: 'GET', url: '/worklist?dueToday=true', headers: { authorization: f.tokens.staff, 'x-min-position': signed.json().position } });
    // Signed for, I's next deadline is its reply (end of 14 April): only H is still due today.
    t.same(viaHeader.json().entries.map((e: { externalNumber: string }) => e.externalNumber), ['H']);
    const invalid = await f.get('/worklist?after=yesterday');
    t.equal(invalid.statusCode, 400);
    const impossible = await f.get('/worklist?after=99999999999/1');
    t.equal(impossible.statusCode, 400, 'a position past every committed write: refused at once');
    // A write that is committed but not yet visible to readers (an earlier transaction is still open, so
    // the store's gap-free rule holds it back): the query waits, then answers "not yet".
    const blocker = new pg.Client({ connectionString: f.config.DATABASE_URL });
    await blocker.connect();
    t.teardown(() => blocker.end());
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_current_xact_id()');
    const noted = await f.staffPost(id('H'), 'notes', { note: '稍后回电' });
    const notYet = await f.get(`/worklist?after=${encodeURIComponent(noted.json().position)}`);
    await blocker.query('ROLLBACK');
    t.equal(notYet.statusCode, 503);
    t.equal(notYet.headers['retry-after'], '1');
    t.match(notYet.json(), { type: 'urn:bureau:problem:read-model-not-caught-up', projection: 'hotline_work_orders' });
  });

  t.test('projection status and metrics', async (t) => {
    const status = await f.get('/projections', f.tokens.admin);
    t.equal(status.statusCode, 200);
    t.match(status.json().projections, [{ name: 'hotline_work_orders', status: 'running' }]);
    t.equal((await f.get('/projections', f.tokens.staff)).statusCode, 403);
    const metrics = await f.app.inject({ method: 'GET', url: '/metrics' });
    t.match(metrics.headers['content-type'], 'text/plain');
    t.match(metrics.body, 'projection_status{projection="hotline_work_orders",status="running"} 1');
    for (const state of ['pending', 'retrying', 'held', 'delivered', 'dead', 'discarded']) {
      t.match(metrics.body, new RegExp(`^outbox_messages\\{outbox="hotline_outbox",state="${state}"\\} \\d+$`, 'm'), `the outbox's ${state} messages`);
    }
    t.match(metrics.body, /^outbox_oldest_pending_seconds\{outbox="hotline_outbox"\} [\d.]+$/m);
  });

  t.test('no log line holds personal data', async (t) => {
    for (const secret of ['张三丰', '13812345678']) t.notMatch(f.logs.text(), secret);
  });
});
