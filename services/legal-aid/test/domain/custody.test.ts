// Art. 39: people in custody apply through the case-handling authority or the detention facility, which
// must forward within 24 hours. The duty is theirs: record when they received it and when it arrived, show
// late forwarding; the office's own clock starts on arrival.
import t from 'tap';
import { given, historyOf } from './support/given.js';
import { iso, local, submit } from './support/fixtures.js';

const custody = (receivedByAuthorityAt: Date) => submit({ channel: { kind: 'custody_forwarding', forwardingAuthority: '花都区看守所', receivedByAuthorityAt } });

t.test('Art. 39: forwarded within 24 clock hours is on time; the review clock starts on arrival', async (t) => {
  given()
    .when(custody(local('2025-11-02 09:00')), local('2025-11-03 09:00'))
    .thenOne(t, 'ApplicationSubmitted', {
      custody: { forwardingAuthority: '花都区看守所', receivedByAuthorityAt: iso('2025-11-02 09:00'), arrivedAt: iso('2025-11-03 09:00'), hoursTaken: 24, late: false },
      receivedAt: iso('2025-11-03 09:00'),
      review: { countedFrom: iso('2025-11-03 09:00'), dueAt: iso('2025-11-13 00:00') },
    });
});

t.test('Art. 39: forwarding over 24 clock hours is flagged late, and the office clock still starts on arrival', async (t) => {
  given()
    .when(custody(local('2025-10-31 16:00')), local('2025-11-03 10:30'))
    .thenOne(t, 'ApplicationSubmitted', {
      custody: { hoursTaken: 66.5, late: true },
      review: { countedFrom: iso('2025-11-03 10:30'), dueAt: iso('2025-11-13 00:00') },
    });
  given().when(custody(local('2025-11-03 11:00')), local('2025-11-03 10:30')).thenBroken(t, 'received_before_authority');
});

t.test('Art. 39: an announced custody application not forwarded in 24 clock hours is recorded overdue by the timer', async (t) => {
  const announced = historyOf({
    command: { type: 'AnnounceCustodyApplication', data: { applicationId: 'app-0001', forwardingAuthority: '花都区看守所', receivedByAuthorityAt: local('2025-11-03 08:00') } },
    now: local('2025-11-03 09:00'),
  });
  t.match(announced[0]?.data, { forwarding: { unit: 'clock_hours', amount: 24, dueAt: iso('2025-11-04 08:00') } });
  const overdue = { type: 'RecordCustodyForwardingOverdue', data: { dueAt: local('2025-11-04 08:00') } } as const;
  given(...announced).when(overdue, local('2025-11-04 07:59')).thenBroken(t, 'deadline_not_reached');
  given(...announced)
    .when(overdue, local('2025-11-04 08:00'))
    .then(t, [{ type: 'CustodyForwardingOverdue', data: { dueAt: iso('2025-11-04 08:00'), recordedAt: iso('2025-11-04 08:00') } }]);
  // When it arrives it is late, and only the announcing authority's paper fits.
  const arrived = given(...announced).when(custody(local('2025-11-03 08:00')), local('2025-11-04 15:00'));
  arrived.thenOne(t, 'ApplicationSubmitted', { custody: { late: true, hoursTaken: 31 } });
  given(...announced)
    .when(submit({ channel: { kind: 'custody_forwarding', forwardingAuthority: '白云区看守所', receivedByAuthorityAt: local('2025-11-03 08:00') } }), local('2025-11-04 15:00'))
    .thenBroken(t, 'custody_authority_mismatch');
  given(...announced).when(submit(), local('2025-11-04 15:00')).thenBroken(t, 'custody_facts_required');
  // After arrival the forwarding timer has nothing more to record.
  given(...announced, ...arrived.run()).when(overdue, local('2025-11-04 16:00')).thenNothing(t);
});
