import { CaseHistoryPage, FindCasePage } from '../pages/audit/case-history.js';
import type { Area } from './area.js';

export const auditArea: Area = {
  name: 'audit',
  href: '#/audit',
  title: '案件审计',
  what: '查看案件历史：逐条查看每个事件后的状态，比较两个时点，哈希链校验',
  roles: ['auditor', 'city_auditor'],
  pages: [
    { pattern: '/audit', render: () => <FindCasePage /> },
    { pattern: '/audit/:kind/:caseId', render: ({ kind = '', caseId = '' }) => <CaseHistoryPage kind={kind} caseId={caseId} /> },
  ],
};
