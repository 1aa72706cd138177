// Every command the decider offers on an existing file, as a route under /files/:caseId/ (the overdue
// commands are the timers' own and have none). Access by role and scope: src/routes/roles.ts.
import { z } from 'zod';
import { assignLawyerCommand } from '../commands/assignment-inputs.js';
import { economicStatusInput, enumsInput, longText, preliminaryAidInput, shortText } from './inputs.js';
import { fileCommandRoute } from './command-route.js';
import { actingOrganisation } from './options.js';
import { DECISION, INTAKE, OBJECTIONS, REVIEW } from './roles.js';

const none = z.strictObject({});

export const fileCommandRoutes = [
  fileCommandRoute({
    action: 'competence-override', summary: '改定管辖 Override the competent office, with a reason (Art. 38)', config: DECISION,
    body: z.strictObject({ competentOfficeId: shortText, reason: longText }),
    command: (b) => ({ type: 'OverrideCompetence', data: { competentOfficeId: b.competentOfficeId, reason: b.reason } }),
  }),
  fileCommandRoute({
    action: 'transfer', summary: '移送 Transfer the application to the competent office (市域通办)', config: INTAKE, body: none,
    command: () => ({ type: 'TransferApplication', data: {} }),
  }),
  fileCommandRoute({
    action: 'transfer-receipt', summary: '接收移送 Receive a transferred application (reviewed on the original receipt\'s clock)', config: INTAKE, body: none,
    command: () => ({ type: 'ReceiveTransferredApplication', data: {} }),
  }),
  fileCommandRoute({
    action: 'materials-request', summary: '一次性告知 Request every missing material at once; the review clock stops (Art. 43)', config: REVIEW,
    body: z.strictObject({ items: z.array(shortText).min(1).max(50) }),
    command: (b) => ({ type: 'RequestMaterials', data: { items: b.items } }),
  }),
  fileCommandRoute({
    action: 'materials-supply', summary: '补充材料 Materials supplied; the review clock resumes with the time left', config: INTAKE,
    body: z.strictObject({ items: z.array(shortText).min(1).max(50) }),
    command: (b) => ({ type: 'SupplyMaterials', data: { items: b.items } }),
  }),
  fileCommandRoute({
    action: 'withdrawal', summary: '撤回 The applicant withdraws', config: INTAKE, body: z.strictObject({ reason: longText }),
    command: (b) => ({ type: 'WithdrawApplication', data: { reason: b.reason } }),
  }),
  fileCommandRoute({
    action: 'economic-status', summary: '经济困难状况 Record the economic status (Arts. 32, 34, 41, 42)', config: REVIEW,
    body: z.strictObject({ status: economicStatusInput }),
    command: (b) => ({ type: 'RecordEconomicStatus', data: { status: b.status } }),
  }),
  fileCommandRoute({
    action: 'preliminary-aid', summary: '先行提供 Decide preliminary aid (Art. 44)', config: DECISION,
    body: z.strictObject({ ground: preliminaryAidInput }),
    command: (b) => ({ type: 'DecidePreliminaryAid', data: { ground: b.ground } }),
  }),
  fileCommandRoute({
    action: 'approval', summary: '给予法律援助 Approve the application', config: DECISION, body: none,
    command: () => ({ type: 'ApproveApplication', data: {} }),
  }),
  fileCommandRoute({
    action: 'refusal', summary: '不予法律援助 Refuse, with written reasons (Arts. 43, 49)', config: DECISION, body: z.strictObject({ reasons: longText }),
    command: (b) => ({ type: 'RefuseApplication', data: { reasons: b.reasons } }),
  }),
  fileCommandRoute({
    action: 'lawyer-assignment', summary: '指派律师 Assign a lawyer (Art. 43; Art. 26 for capital cases); conflicts are warnings', config: DECISION,
    body: z.strictObject({ lawyerId: shortText.describe('The lawyer\'s id on the office\'s district registry (GET /files/:caseId/lawyer-suggestions).') }),
    command: (b, app, request) => assignLawyerCommand(
      { store: app.eventStore, db: app.legalAidReadModels.db, organisations: app.organisations.current() }, actingOrganisation(app, request).id, b.lawyerId,
    ),
  }),
  fileCommandRoute({
    action: 'authority-informed', summary: '告知通知机关 The notifying authority was told who was assigned (Art. 36)', config: REVIEW,
    body: z.strictObject({ method: shortText }),
    command: (b) => ({ type: 'RecordAuthorityInformed', data: { method: b.method } }),
  }),
  fileCommandRoute({
    action: 'objection', summary: '异议 File an objection with the justice bureau (Art. 49)', config: OBJECTIONS, body: z.strictObject({ grounds: longText }),
    command: (b) => ({ type: 'FileObjection', data: { grounds: b.grounds } }),
  }),
  fileCommandRoute({
    action: 'objection-upheld', summary: '维持 The bureau upholds the decision (Art. 49)', config: OBJECTIONS, body: z.strictObject({ reasons: longText }),
    command: (b) => ({ type: 'UpholdDecision', data: { reasons: b.reasons } }),
  }),
  fileCommandRoute({
    action: 'objection-correction', summary: '责令改正 The bureau orders the office to correct (Art. 49)', config: OBJECTIONS, body: z.strictObject({ reasons: longText }),
    command: (b) => ({ type: 'OrderCorrection', data: { reasons: b.reasons } }),
  }),
  fileCommandRoute({
    action: 'termination', summary: '终止法律援助 Terminate aid on a named ground (Art. 48)', config: DECISION,
    body: z.strictObject({ ground: enumsInput.terminationGround, basis: z.enum(['lawyer_report', 'own_finding']), explanation: longText }),
    command: (b) => ({ type: 'TerminateAid', data: { ground: b.ground, basis: b.basis, explanation: b.explanation } }),
  }),
  fileCommandRoute({
    action: 'closing', summary: '结案 Close the case with its outcome (Art. 50)', config: REVIEW,
    body: z.strictObject({ outcome: enumsInput.caseOutcome, summary: longText }),
    command: (b) => ({ type: 'CloseCase', data: { outcome: b.outcome, summary: b.summary } }),
  }),
  fileCommandRoute({
    action: 'follow-up', summary: '回访 Follow-up with the recipient (Art. 59)', config: REVIEW,
    body: z.strictObject({ followUpId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), satisfied: z.boolean(), note: longText }),
    command: (b) => ({ type: 'RecordFollowUp', data: { followUpId: b.followUpId, satisfied: b.satisfied, note: b.note } }),
  }),
  fileCommandRoute({
    action: 'quality-review', summary: '同行评估 Grade the case 优秀/良好/合格/不合格', config: REVIEW,
    body: z.strictObject({ grade: enumsInput.qualityGrade, note: longText }),
    command: (b) => ({ type: 'ReviewQuality', data: { grade: b.grade, note: b.note } }),
  }),
];
