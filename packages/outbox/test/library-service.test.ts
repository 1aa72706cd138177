// The outbox in a service that is not the hotline: a district library's loans. Events become notices
// queued with the reactor's checkpoint, delivered once each, in order per loan, with the event id as
// idempotency key; the staff routes work under the library's own prefix, roles and field names.
import { freshDatabase } from '@bureau/testing';
import t from 'tap';
import { LibraryNetwork, eventually, startLibraryService } from './support/library-service.js';

t.test('given loan events, then each becomes one notice, delivered once, in order per loan, keyed by its event id', async (t) => {
  const databaseUrl = await freshDatabase(t, 'library');
  const network = new LibraryNetwork();
  const library = await startLibraryService(t, databaseUrl, network);
  await library.record('L1', 'LoanOpened', { book: '民法典释义' });
  await library.record('L2', 'LoanOpened');
  await library.record('L1', 'LoanRenewed');
  await library.record('L1', 'LoanReturned');
  await library.app.eventStore.appendToStream('reader-9', [{ type: 'ReaderRegistered', data: {} }]);
  await eventually(() => network.calls.length >= 4, 10_000, 'four notices');
  await new Promise((resolve) => setTimeout(resolve, 300)); // room for a duplicate to show up
  t.equal(network.calls.length, 4, 'one call per loan event, none for the reader');
  t.same(network.calls.filter((c) => c.orderingKey === 'L1').map((c) => c.kind), ['loan-opened', 'loan-renewed', 'loan-returned'], "L1's notices in order");
  const events = [];
  for await (const e of library.app.eventStore.readStream('loan-L1')) events.push(e);
  t.same(network.calls.filter((c) => c.orderingKey === 'L1').map((c) => c.idempotencyKey), events.map((e) => e.id), 'each keyed by its event id');
  const opened = network.calls.find((c) => c.orderingKey === 'L1');
  t.match(opened, { destination: 'city-library', kind: 'loan-opened', attributes: { branch: 'east' }, eventType: 'LoanOpened', attempt: 1 });
  t.match(JSON.parse(opened?.payload ?? '{}'), { loanId: 'L1', book: '民法典释义' }, 'the payload as the rule built it');
  const stats = () => library.app.inject({ method: 'GET', url: '/loans/outbox/stats', headers: { authorization: library.token('head_librarian') } });
  await eventually(async () => (await stats()).json().delivered === 4, 5_000, 'recorded');
  t.match((await stats()).json(), { pending: 0, delivered: 4, dead: 0, held: 0 });
  t.notMatch(library.logs.text(), /李四|民法典/, 'no payload reached a log line');
});

t.test('given a notice refused for good, then its loan\'s later notices are held and shown; discard lets them go; retry sends it first', async (t) => {
  const databaseUrl = await freshDatabase(t, 'library');
  const network = new LibraryNetwork();
  const refused = new Set<string>();
  network.answer = (m) => (refused.has(m.idempotencyKey) ? { kind: 'refused', status: 422, error: 'http 422', problem: { title: 'unknown reader card' } } : { kind: 'delivered', status: 200 });
  const library = await startLibraryService(t, databaseUrl, network);
  const librarian = library.token('head_librarian');
  const get = (url: string, authorization = librarian) => library.app.inject({ method: 'GET', url, headers: { authorization } });
  const post = (url: string, payload?: object, authorization = librarian) => library.app.inject({ method: 'POST', url, headers: { authorization }, ...(payload ? { payload } : {}) });

  // Every first notice of a loan is refused once.
  network.answer = (m) => {
    if (m.kind === 'loan-opened' && !refused.has(`done:${m.idempotencyKey}`)) {
      refused.add(`done:${m.idempotencyKey}`);
      return { kind: 'refused', status: 422, error: 'http 422', problem: { title: 'unknown reader card' } };
    }
    return { kind: 'delivered', status: 200 };
  };
  await library.record('A', 'LoanOpened');
  await library.record('B', 'LoanOpened');
  await eventually(async () => (await get('/loans/outbox/dead-letters')).json().items?.length === 2, 10_000, 'two dead letters');
  await library.record('A', 'LoanRenewed');
  await library.record('A', 'LoanReturned');
  await library.record('B', 'LoanReturned');
  await eventually(async () => (await get('/loans/outbox/stats')).json().held === 3, 5_000, 'three held');
  await new Promise((resolve) => setTimeout(resolve, 300));
  t.same(network.calls.map((c) => c.kind), ['loan-opened', 'loan-opened'], 'nothing behind a dead letter was sent');

  const page = (await get('/loans/outbox/dead-letters')).json();
  t.same(page.items.map((i: { loanId: string; held: number }) => [i.loanId, i.held]).sort(), [['A', 2], ['B', 1]], 'each dead letter shows what it holds back');
  t.match(page.items[0], { status: 'dead', deadReason: 'rejected', lastStatus: 422, problem: { title: 'unknown reader card' }, orderingKey: page.items[0].loanId });
  t.equal((await get('/loans/outbox/dead-letters', library.token('assistant'))).statusCode, 403, 'only the roles the service names');
  t.equal((await get('/outbox/dead-letters')).statusCode, 404, 'under the service\'s own prefix');
  t.match((await get('/loans/outbox/stats')).json(), { pending: 3, held: 3, dead: 2, delivered: 0 });

  const deadOf = (loanId: string) => page.items.find((i: { loanId: string }) => i.loanId === loanId).id as string;
  const discarded = await post(`/loans/outbox/dead-letters/${deadOf('B')}/discard`, { reason: 'card reissued; opened by hand' });
  t.match(discarded.json(), { status: 'discarded', discardedBy: 'user-head_librarian', discardReason: 'card reissued; opened by hand' });
  await eventually(() => network.calls.some((c) => c.orderingKey === 'B' && c.kind === 'loan-returned'), 5_000, "B's return after the discard");

  t.match((await post(`/loans/outbox/dead-letters/${deadOf('A')}/retry`)).json(), { status: 'pending', staffRetries: 1 });
  await eventually(() => network.calls.filter((c) => c.orderingKey === 'A').length === 4, 5_000, "A's three notices");
  t.same(network.calls.filter((c) => c.orderingKey === 'A').map((c) => c.kind), ['loan-opened', 'loan-opened', 'loan-renewed', 'loan-returned'], 'the retried one first, then the ones it held, in order');
  await eventually(async () => (await get('/loans/outbox/stats')).json().delivered === 4, 5_000, 'recorded');
  t.match((await get('/loans/outbox/stats')).json(), { pending: 0, held: 0, dead: 0, discarded: 1, delivered: 4 });
  t.equal((await post('/loans/outbox/dead-letters/nope/discard', { reason: 'x' })).statusCode, 404);
});
