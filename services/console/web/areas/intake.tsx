import { ApplicationFormPage } from '../pages/intake/application-form.js';
import { FilePage } from '../pages/intake/file.js';
import { IntakeWorklistPage } from '../pages/intake/worklist.js';
import type { Area } from './area.js';

export const intakeArea: Area = {
  name: 'intake',
  href: '#/intake',
  title: '法律援助受理',
  what: '受理申请、打印回执，待办清单（绿色通道优先），审查、审批、指派',
  roles: ['station_clerk', 'legal_aid_reviewer', 'legal_aid_head', 'objection_handler', 'auditor', 'city_auditor', 'city_administrator'],
  pages: [
    { pattern: '/intake', render: (_, { path }) => <IntakeWorklistPage path={path} /> },
    { pattern: '/intake/new', render: (_, { session }) => <ApplicationFormPage session={session} /> },
    { pattern: '/intake/files/:caseId', render: ({ caseId = '' }, { session }) => <FilePage caseId={caseId} session={session} /> },
  ],
};
