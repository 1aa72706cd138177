// 承办律师报告, given / when / then: only the lawyer assigned reports, only while aid runs; grounds for
// termination name the Art. 48 ground (and only they do); the same report twice is recorded once.
import t from 'tap';
import { lawyerReportsDecider, LawyerReportRuleBroken, type FileLawyerReport, type LawyerReportsState } from '../../src/lawyer-reports/index.js';

const now = new Date('2026-03-10T02:00:00Z');
const decider = lawyerReportsDecider(now);
const report = (data: Partial<FileLawyerReport['data']> = {}): FileLawyerReport => ({
  type: 'FileLawyerReport',
  data: {
    reportId: '6f1c0c1e-3b7a-4c7e-9a53-1f2b3c4d5e6f', lawyerId: 'huadu-lawyer-1', kind: 'progress', text: '已会见受援人', terminationGround: null,
    file: { status: 'aided', assignedLawyerId: 'huadu-lawyer-1' }, ...data,
  },
});
const given = (...reports: FileLawyerReport[]): LawyerReportsState =>
  reports.reduce((state, r) => decider.decide(r, state).reduce(decider.evolve, state), decider.initialState());
const rule = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof LawyerReportRuleBroken ? error.rule : 'another error';
  }
  return 'no error';
};

t.test('given an aided case, when its lawyer reports progress, then the report is recorded with the moment', async (t) => {
  t.strictSame(decider.decide(report(), given()), [{
    type: 'LawyerReportFiled',
    data: { reportId: '6f1c0c1e-3b7a-4c7e-9a53-1f2b3c4d5e6f', lawyerId: 'huadu-lawyer-1', kind: 'progress', text: '已会见受援人', terminationGround: null, reportedAt: now.toISOString() },
  }]);
});

t.test('when another lawyer, or a lawyer of a case with none assigned, reports: not_the_assigned_lawyer', async (t) => {
  t.equal(rule(() => decider.decide(report({ lawyerId: 'huadu-lawyer-2' }), given())), 'not_the_assigned_lawyer');
  t.equal(rule(() => decider.decide(report({ file: { status: 'approved', assignedLawyerId: null } }), given())), 'not_the_assigned_lawyer');
});

t.test('given a closed case (no aid runs), when its lawyer reports: not_aided', async (t) => {
  t.equal(rule(() => decider.decide(report({ file: { status: 'closed', assignedLawyerId: 'huadu-lawyer-1' } }), given())), 'not_aided');
  t.equal(decider.decide(report({ file: { status: 'in_review', assignedLawyerId: 'huadu-lawyer-1' } }), given()).length, 1, 'preliminary aid (Art. 44): the lawyer acts during the review');
});

t.test('grounds for termination (Art. 48) name the ground, and only they do', async (t) => {
  t.equal(rule(() => decider.decide(report({ kind: 'termination_ground' }), given())), 'termination_ground_required');
  t.equal(rule(() => decider.decide(report({ kind: 'closing', terminationGround: 'recipient_request' }), given())), 'termination_ground_only_with_termination');
  t.match(decider.decide(report({ kind: 'termination_ground', terminationGround: 'recipient_request' }), given()), [{ data: { kind: 'termination_ground', terminationGround: 'recipient_request' } }]);
});

t.test('given the report recorded, when the same report comes again, then nothing more', async (t) => {
  t.strictSame(decider.decide(report(), given(report())), []);
  t.equal(decider.decide(report({ reportId: '7f1c0c1e-3b7a-4c7e-9a53-1f2b3c4d5e6f' }), given(report())).length, 1, 'another report is recorded');
});
