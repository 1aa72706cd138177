import { AccessReportPage } from '../pages/audit/access-report.js';
import { AnchorsPage } from '../pages/audit/anchors.js';
import { CaseHistoryPage, FindCasePage } from '../pages/audit/case-history.js';
import type { Area } from './area.js';

export const auditArea: Area = {
  name: 'audit',
  href: '#/audit',
  title: '案件审计',
  what: '查看案件历史：逐条查看每个事件后的状态，比较两个时点，哈希链校验；导出，访问记录，锚点',
  roles: ['auditor', 'city_auditor'],
  pages: [
    { pattern: '/audit', render: (_, { session }) => <FindCasePage cityAuditor={session.claims.role === 'city_auditor'} /> },
    { pattern: '/audit/access-log', render: (_, { path }) => <AccessReportPage path={path} /> },
    { pattern: '/audit/anchors', render: () => <AnchorsPage /> },
    { pattern: '/audit/:kind/:caseId', render: ({ kind = '', caseId = '' }) => <CaseHistoryPage kind={kind} caseId={caseId} /> },
  ],
};
