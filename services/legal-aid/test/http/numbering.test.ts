// 申请编号: per receiving district and year, gap-free and duplicate-free with sixteen counters at once; a
// retry answers the same number; a crash between the allocation and the application's stream is completed
// by the reconciler, so no number is ever without its application.
import { randomUUID } from 'node:crypto';
import t from 'tap';
import { legalAidStreamName } from '../../src/domain/index.js';
import { checkNumberPattern, formatApplicationNumber } from '../../src/numbering/application-number.js';
import { numberingEvents, numberingStreamName } from '../../src/numbering/numbering-events.js';
import { NumberAllocator } from '../../src/numbering/allocator.js';
import { WrongExpectedRevisionError } from '@bureau/event-store';
import { application, legalAidFixture, ORG, residentId } from './support.js';

t.test('the pattern: default 花法援申〔2026〕00123号, and what a pattern must contain', async (t) => {
  t.equal(formatApplicationNumber('{district}法援申〔{year}〕{sequence:5}号', { district: '花', year: 2026, sequence: 123 }), '花法援申〔2026〕00123号');
  t.equal(formatApplicationNumber('{district}援{year}-{sequence}', { district: '白', year: 2027, sequence: 7 }), '白援2027-7');
  t.match(checkNumberPattern('法援申〔{year}〕{sequence:5}号'), /district/);
  t.match(checkNumberPattern('{district}{sequence}'), /year/);
  t.match(checkNumberPattern('{district}{year}'), /sequence/);
  t.match(checkNumberPattern('{district}{year}{sequence}{other}'), /braces/);
  t.equal(checkNumberPattern('{district}法援申〔{year}〕{sequence:5}号'), undefined);
});

t.test('sixteen counters at once, a retry, a crash between the two appends', async (t) => {
  const f = await legalAidFixture(t);
  const huaduClerks = Array.from({ length: 4 }, (_, i) => f.token('station_clerk', ORG.huaduStation, `clerk-${i}`));
  const bodies = Array.from({ length: 16 }, (_, i) => application({}, { name: `申请人${i}`, id: residentId('19800101', 100 + i) }));
  const answers = await Promise.all(bodies.map((body, i) => f.submit(body, i % 2 === 0 ? huaduClerks[i % 4] : f.tokens.huaduReviewer)));
  for (const a of answers) t.equal(a.statusCode, 201, a.body);
  const numbers = answers.map((a) => a.json().applicationNumber as string).sort();
  t.strictSame(numbers, Array.from({ length: 16 }, (_, i) => `花法援申〔2026〕${String(i + 1).padStart(5, '0')}号`), 'numbers 1..16, each once');
  const received = answers[0]?.json();
  t.match(received.receipt, { applicationNumber: received.applicationNumber, receivingOrganisation: { id: ORG.huaduStation, name: '花都区新华街法律援助工作站' }, competentOffice: { id: ORG.huaduOffice }, transferNeeded: false });

  t.test('a retry with the same commandId answers the same number, and writes nothing', async (t) => {
    const before = await f.streamRevisions();
    const again = await f.submit(bodies[3] as object, f.tokens.huaduReviewer);
    t.equal(again.statusCode, 200, again.body);
    t.equal(again.json().applicationNumber, answers[3]?.json().applicationNumber);
    t.equal(again.json().caseId, answers[3]?.json().caseId);
    t.equal(again.json().alreadyApplied, true);
    const byAStation = await f.submit(bodies[3] as object, huaduClerks[0]);
    t.equal(byAStation.statusCode, 404, 'a station clerk does not reach what the office took: as if there were none');
    t.strictSame(await f.streamRevisions(), before);
  });

  t.test('a 白云 counter has its own sequence; a broken rule takes no number', async (t) => {
    const refused = await f.submit(application({ competenceFacts: { kind: 'non_litigation', disputeAuthority: null, disputeAuthoritySits: null, matterAroseIn: null } }), f.tokens.baiyunClerk);
    t.equal(refused.statusCode, 422, refused.body);
    const first = await f.submit(application({ competenceFacts: { kind: 'litigation', caseAuthority: '白云区人民法院', authoritySits: { districtId: 'baiyun' } } }), f.tokens.baiyunClerk);
    t.equal(first.statusCode, 201, first.body);
    t.equal(first.json().applicationNumber, '白法援申〔2026〕00001号');
  });

  t.test('a crash after the allocation: the reconciler writes the application from it', async (t) => {
    // The first step alone, as a request that died before writing the application's stream.
    const template = (await readFirst(f, answers[0]?.json().caseId)).data;
    const applicationId = randomUUID();
    const commandId = randomUUID();
    const allocation = await new NumberAllocator(f.app.eventStore).allocate({
      areaId: 'huadu', areaShortName: '花', pattern: f.config.LEGAL_AID_NUMBER_PATTERN,
      submitted: { ...template, applicationId }, commandId, commandDigest: null, correlationId: commandId,
      actor: { id: 'clerk-crashed', role: 'station_clerk', organisation: ORG.huaduStation },
    });
    t.equal(allocation.applicationNumber, '花法援申〔2026〕00017号');
    t.equal(await streamExists(f, legalAidStreamName(applicationId)), false, 'no application yet');
    await waitForNumber(f, allocation.applicationNumber);
    t.equal(await f.app.legalAidNumbers.reconcile(0), 1, 'one application completed');
    t.equal(await f.app.legalAidNumbers.reconcile(0), 0, 'and nothing more the second time');
    const written = await readFirst(f, applicationId);
    t.match(written, { type: 'ApplicationSubmitted', data: { applicationNumber: '花法援申〔2026〕00017号', applicationId } });
    t.match(written.metadata, { actor: { id: 'clerk-crashed' }, commandId });
    // Every number allocated has its application.
    const events = [];
    for await (const e of f.app.eventStore.readStream(numberingStreamName('huadu', 2026))) events.push(numberingEvents.fromRecorded(e).data);
    t.strictSame(events.map((e) => e.sequence), Array.from({ length: 17 }, (_, i) => i + 1));
    for (const e of events) t.ok(await streamExists(f, legalAidStreamName(e.applicationId)), `${e.applicationNumber} has its application`);
  });
});

t.test('a retry through the route: the key with another body, a district out of reach, a first run that died after its allocation', async (t) => {
  const f = await legalAidFixture(t);
  const body = application({}, { name: '重试人', id: residentId('19800101', 400) });
  const first = await f.submit(body);
  t.equal(first.statusCode, 201, first.body);

  t.test('the same commandId with another body: 409, nothing written', async (t) => {
    const before = await f.streamRevisions();
    const other = await f.submit({ ...body, summary: '另一件事' });
    t.equal(other.statusCode, 409, other.body);
    t.match(other.headers['content-type'], /problem\+json/);
    t.strictSame(await f.streamRevisions(), before);
  });

  t.test('the same commandId from a district that does not reach the file: 404, nothing written', async (t) => {
    const before = await f.streamRevisions();
    const elsewhere = await f.submit(body, f.tokens.baiyunClerk);
    t.equal(elsewhere.statusCode, 404, elsewhere.body);
    t.strictSame(await f.streamRevisions(), before);
  });

  t.test('a first run that died after its allocation: the retry writes the application with that number', async (t) => {
    const retried = application({}, { name: '断线人', id: residentId('19800101', 401) });
    const template = (await readFirst(f, first.json().caseId)).data;
    const { uuidV5, COMMAND_EVENT_NAMESPACE } = await import('@bureau/service-kit');
    const applicationId = uuidV5(`legal-aid-application:${retried.commandId}`, COMMAND_EVENT_NAMESPACE);
    const allocation = await new NumberAllocator(f.app.eventStore).allocate({
      areaId: 'huadu', areaShortName: '花', pattern: f.config.LEGAL_AID_NUMBER_PATTERN,
      submitted: { ...template, applicationId }, commandId: retried.commandId, commandDigest: null, correlationId: retried.commandId,
      actor: { id: 'clerk-crashed', role: 'station_clerk', organisation: ORG.huaduStation },
    });
    t.equal(await streamExists(f, legalAidStreamName(applicationId)), false, 'no application yet');
    const answer = await f.submit(retried);
    t.equal(answer.statusCode, 201, answer.body);
    t.equal(answer.json().caseId, applicationId);
    t.equal(answer.json().applicationNumber, allocation.applicationNumber, 'the number the first run took, not a new one');
    const again = await f.submit(retried);
    t.equal(again.statusCode, 200, again.body);
    t.equal(again.json().applicationNumber, allocation.applicationNumber);
    const sequences = [];
    for await (const e of f.app.eventStore.readStream(numberingStreamName('huadu', 2026))) sequences.push(numberingEvents.fromRecorded(e).data.sequence);
    t.strictSame(sequences, [1, 2], 'one number each, none taken twice');
  });
});

t.test('the allocator: one append for the counters waiting together, two processes on one stream, a retry inside a batch', async (t) => {
  const f = await legalAidFixture(t);
  const first = await f.submit(application({}, { name: '模板人', id: residentId('19800101', 300) }), f.tokens.baiyunClerk);
  t.equal(first.statusCode, 201, first.body);
  const template = (await readFirst(f, first.json().caseId)).data;
  const input = (commandId: string) => ({
    areaId: 'baiyun', areaShortName: '白', pattern: f.config.LEGAL_AID_NUMBER_PATTERN,
    submitted: { ...template, applicationId: randomUUID() }, commandId, commandDigest: null, correlationId: commandId,
    actor: { id: 'clerk', role: 'station_clerk', organisation: ORG.baiyunStation },
  });
  const stream = numberingStreamName('baiyun', 2026);
  const revisionOf = async () => (await f.app.pg.query<{ revision: string }>('SELECT revision FROM event_store.streams WHERE stream_name = $1', [stream])).rows[0]?.revision;
  // Two processes (two allocators), 12 counters each, at once: the stream's revision check decides between them.
  const one = new NumberAllocator(f.app.eventStore);
  const other = new NumberAllocator(f.app.eventStore);
  const commands = Array.from({ length: 24 }, () => randomUUID());
  const before = await revisionOf();
  const allocations = await Promise.all(commands.map((c, i) => (i % 2 === 0 ? one : other).allocate(input(c))));
  t.strictSame(allocations.map((a) => a.sequence).sort((a, b) => a - b), Array.from({ length: 24 }, (_, i) => i + 2), 'numbers 2..25, each once');
  t.ok(Number(await revisionOf()) - Number(before) === 24, 'one event per number');
  t.ok(allocations.every((a) => a.submitted.applicationNumber === a.applicationNumber), 'each receipt carries its number');
  // A command allocated before (deep in the stream by now) asked again in a batch with new ones: the same
  // number for it, the next ones for the others, nothing written twice.
  const again = commands[0] as string;
  const fresh = [randomUUID(), randomUUID()];
  const answers = await Promise.all([one.allocate(input(fresh[0] as string)), one.allocate(input(again)), one.allocate(input(fresh[1] as string)), other.allocate(input(again))]);
  t.equal(answers[1]?.sequence, allocations[0]?.sequence, 'the retry gets its number back');
  t.equal(answers[3]?.sequence, allocations[0]?.sequence, 'also from the other process');
  t.strictSame([answers[0]?.sequence, answers[2]?.sequence].sort(), [26, 27]);
  t.equal(Number(await revisionOf()) - Number(before), 26);
});

t.test('on PostgreSQL the number and the application are one transaction; an application stream that moved since it was read takes no number', async (t) => {
  const f = await legalAidFixture(t);
  const first = await f.submit(application({}, { name: '同事务', id: residentId('19800101', 500) }));
  t.equal(first.statusCode, 201, first.body);
  const caseId = first.json().caseId as string;
  const allocationEvent = await (async () => { for await (const e of f.app.eventStore.readStream(numberingStreamName('huadu', 2026))) return e; throw new Error('no allocation'); })();
  const applicationEvent = await (async () => { for await (const e of f.app.eventStore.readStream(legalAidStreamName(caseId))) return e; throw new Error('no application'); })();
  t.equal(allocationEvent.position.commit, applicationEvent.position.commit, 'the allocation and the application committed in one transaction');
  t.equal(first.headers['x-event-position'], `${applicationEvent.position.commit}/${applicationEvent.position.prepare}`, 'the answer names the application\'s position');

  const template = (await readFirst(f, caseId)).data;
  const input = (applicationId: string) => {
    const commandId = randomUUID();
    return {
      areaId: 'huadu', areaShortName: '花', pattern: f.config.LEGAL_AID_NUMBER_PATTERN,
      submitted: { ...template, applicationId }, commandId, commandDigest: null, correlationId: commandId,
      actor: { id: 'clerk', role: 'station_clerk', organisation: ORG.huaduStation },
    };
  };
  const allocator = new NumberAllocator(f.app.eventStore);
  const before = await f.streamRevisions();
  // read as new, but written meanwhile (the application exists now): refused, nothing written, no number taken
  const stale = await allocator.allocateWithApplication(input(caseId), 'no_stream').then(() => undefined, (error: unknown) => error);
  t.ok(stale instanceof WrongExpectedRevisionError && stale.streamName === legalAidStreamName(caseId), 'refused for the application stream\'s revision');
  t.strictSame(await f.streamRevisions(), before, 'nothing written');
  // its batch-mates are not held back by it
  const fresh = randomUUID();
  const [refused, taken] = await Promise.allSettled([allocator.allocateWithApplication(input(caseId), 'no_stream'), allocator.allocateWithApplication(input(fresh), 'no_stream')]);
  t.equal(refused.status, 'rejected');
  t.equal(taken.status === 'fulfilled' && taken.value.allocation.applicationNumber, '花法援申〔2026〕00002号', 'the next number, none skipped');
  t.ok(taken.status === 'fulfilled' && taken.value.application?.written, 'with its application');
  t.ok(await streamExists(f, legalAidStreamName(fresh)));

  t.test('the same submission sent twice at once: one number, one 201 and one 200', async (t) => {
    const body = application({}, { name: '双击人', id: residentId('19800101', 501) });
    const answers = await Promise.all([f.submit(body), f.submit(body)]);
    t.same(answers.map((a) => a.statusCode).sort(), [200, 201], answers.map((a) => a.body).join('\n'));
    t.equal(answers[0]?.json().applicationNumber, answers[1]?.json().applicationNumber, 'the same number');
    t.same(answers.map((a) => a.json().alreadyApplied).sort(), [false, true]);
    const sequences = [];
    for await (const e of f.app.eventStore.readStream(numberingStreamName('huadu', 2026))) sequences.push(numberingEvents.fromRecorded(e).data.sequence);
    t.strictSame(sequences, [1, 2, 3], 'one number taken for it');
  });
});

async function readFirst(f: Awaited<ReturnType<typeof legalAidFixture>>, caseId: string) {
  for await (const e of f.app.eventStore.readStream(legalAidStreamName(caseId), { maxCount: 1 })) {
    const { legalAidEvents } = await import('../../src/events/application-events.js');
    const event = legalAidEvents.fromRecorded(e);
    if (event.type !== 'ApplicationSubmitted') throw new Error('not a submission');
    return { ...event, metadata: e.metadata };
  }
  throw new Error('empty stream');
}

async function streamExists(f: Awaited<ReturnType<typeof legalAidFixture>>, stream: string): Promise<boolean> {
  const { rows } = await f.app.pg.query('SELECT 1 FROM event_store.streams WHERE stream_name = $1', [stream]);
  return rows.length > 0;
}

async function waitForNumber(f: Awaited<ReturnType<typeof legalAidFixture>>, applicationNumber: string) {
  for (let i = 0; i < 200; i += 1) {
    const row = await f.app.legalAidReadModels.db.selectFrom('legal_aid_numbers').select('completed').where('application_number', '=', applicationNumber).executeTakeFirst();
    if (row) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the number never reached the read model');
}
