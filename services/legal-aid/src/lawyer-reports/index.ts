// 承办律师报告: what the assigned lawyer reports to the office on a case they act in (issue 17, Roles):
// its progress, grounds for termination (Art. 48: the office then decides, on the lawyer's report) and
// the closing (Art. 50: the office records the case closed). One stream per file beside the file's own
// (legalAidLawyerReports-<caseId>): the office's decisions stay on the file, the lawyer's account here.
// Pure: the file's status and assigned lawyer, and the time, arrive as inputs.
import { createEventRegistry, defineEvent, DomainRuleError } from '@bureau/service-kit';
import { z } from 'zod';
import { terminationGrounds, type TerminationGround } from '../domain/vocabulary.js';

export const lawyerReportsStreamCategory = 'legalAidLawyerReports';
export const lawyerReportsStreamName = (caseId: string) => `${lawyerReportsStreamCategory}-${caseId}`;

/** 办案进展, 终止事由, 结案. */
export const lawyerReportKinds = ['progress', 'termination_ground', 'closing'] as const;
export type LawyerReportKind = (typeof lawyerReportKinds)[number];
export const MAX_REPORT_LENGTH = 4000;

/** The lawyer reports; `file` is the file as it stands (read from its stream by the route). */
export type FileLawyerReport = {
  readonly type: 'FileLawyerReport';
  readonly data: {
    readonly reportId: string;
    readonly lawyerId: string;
    readonly kind: LawyerReportKind;
    readonly text: string;
    /** Named with a report of kind termination_ground, and only then. */
    readonly terminationGround: TerminationGround | null;
    readonly file: { readonly status: string; readonly assignedLawyerId: string | null };
  };
};

export type LawyerReportFiled = {
  readonly type: 'LawyerReportFiled';
  readonly data: { reportId: string; lawyerId: string; kind: LawyerReportKind; text: string; terminationGround: TerminationGround | null; reportedAt: string };
};

export type LawyerReportsState = { readonly reports: readonly LawyerReportFiled['data'][] };

export type LawyerReportRule = 'not_the_assigned_lawyer' | 'not_aided' | 'termination_ground_required' | 'termination_ground_only_with_termination';

const details: Record<LawyerReportRule, string> = {
  not_the_assigned_lawyer: '只有承办律师可以报告 / only the lawyer assigned to the case reports on it',
  not_aided: '案件不在承办中 / the case is not being aided (no lawyer acts in it now)',
  termination_ground_required: '报告终止事由须写明事由 / a report of grounds for termination names the ground (Art. 48)',
  termination_ground_only_with_termination: '只有终止事由报告写明事由 / only a report of grounds for termination names a ground',
};

export class LawyerReportRuleBroken extends DomainRuleError {
  constructor(override readonly rule: LawyerReportRule) {
    super(rule, details[rule]);
  }
}

/** A lawyer acts while aid runs: assigned after approval, or at once on preliminary aid (Art. 44) during the review. */
const AIDED_STATUSES = ['aided', 'in_review', 'awaiting_materials', 'objection_pending'];

export const lawyerReportsDecider = (now: Date) => ({
  initialState: (): LawyerReportsState => ({ reports: [] }),
  evolve: (state: LawyerReportsState, event: LawyerReportFiled): LawyerReportsState => ({ reports: [...state.reports, event.data] }),
  decide: ({ data: c }: FileLawyerReport, state: LawyerReportsState): LawyerReportFiled[] => {
    if (c.file.assignedLawyerId === null || c.file.assignedLawyerId !== c.lawyerId) throw new LawyerReportRuleBroken('not_the_assigned_lawyer');
    if (!AIDED_STATUSES.includes(c.file.status)) throw new LawyerReportRuleBroken('not_aided');
    if (c.kind === 'termination_ground' && c.terminationGround === null) throw new LawyerReportRuleBroken('termination_ground_required');
    if (c.kind !== 'termination_ground' && c.terminationGround !== null) throw new LawyerReportRuleBroken('termination_ground_only_with_termination');
    // The same report again (a retry under another commandId) records nothing more.
    if (state.reports.some((r) => r.reportId === c.reportId)) return [];
    return [{
      type: 'LawyerReportFiled',
      data: { reportId: c.reportId, lawyerId: c.lawyerId, kind: c.kind, text: c.text, terminationGround: c.terminationGround, reportedAt: now.toISOString() },
    }];
  },
});

export const lawyerReportEvents = createEventRegistry<LawyerReportFiled>({
  LawyerReportFiled: defineEvent({
    type: 'LawyerReportFiled',
    schema: z.object({
      reportId: z.uuid(),
      lawyerId: z.string().min(1),
      kind: z.enum(lawyerReportKinds),
      text: z.string().min(1).max(MAX_REPORT_LENGTH),
      terminationGround: z.enum(terminationGrounds).nullable(),
      reportedAt: z.iso.datetime(),
    }),
  }),
});
