// evolve is total: an event that does not fit the state leaves it unchanged, so a stray event never
// breaks a fold; and the state keeps the owning office and the receiving organisation for scoping.
import t from 'tap';
import { evolve, initialState } from '../../src/domain/index.js';
import { extended, historyOf, station } from './support/given.js';
import { baiyunCourt, baiyunOffice, huaduOffice, iso, local, receivedAt, submit, xinhuaStation } from './support/fixtures.js';

t.test('events that do not fit the state leave it unchanged', async (t) => {
  const none = initialState();
  t.equal(evolve(none, { type: 'ApplicationApproved', data: { approvedAt: iso('2025-11-05 10:00'), reviewDueAt: iso('2025-11-13 00:00'), onTime: true, assignment: null } }), none);
  t.equal(evolve(none, { type: 'CaseClosed', data: { outcome: 'judgment', summary: 'x', closedAt: iso('2025-11-05 10:00') } }), none);
  const [submitted] = historyOf({ command: submit(), now: receivedAt });
  if (submitted?.type !== 'ApplicationSubmitted') throw new Error('no submission');
  const state = evolve(none, submitted);
  t.equal(evolve(state, { type: 'MaterialsSupplied', data: { items: ['x'], outstanding: [], suppliedAt: iso('2025-11-04 10:00'), review: submitted.data.review } }), state, 'supplied without a request');
  t.equal(evolve(state, submitted), state, 'a second submission');
});

t.test('scoping: the file keeps its competent office and its receiving station through a transfer', async (t) => {
  const history = extended(
    historyOf({ command: submit({ competenceFacts: baiyunCourt }), now: receivedAt, by: station(xinhuaStation) }),
    { command: { type: 'TransferApplication', data: {} }, now: local('2025-11-03 15:00') },
    { command: { type: 'ReceiveTransferredApplication', data: {} }, now: local('2025-11-04 09:00'), by: { id: baiyunOffice, kind: 'legal_aid_office' } },
  );
  const state = history.reduce(evolve, initialState());
  t.match(state, {
    status: 'in_review',
    receivingOrganisationId: xinhuaStation,
    competentOfficeId: baiyunOffice,
    holderOfficeId: baiyunOffice,
    transfer: { fromOfficeId: huaduOffice, toOfficeId: baiyunOffice, receivedAt: iso('2025-11-04 09:00') },
  });
});
