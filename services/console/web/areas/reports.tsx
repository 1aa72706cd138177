import { DrillDownPage } from '../pages/reports/drill-down.js';
import { ReportPage, ReportsHomePage } from '../pages/reports/report.js';
import type { Area } from './area.js';

export const reportsArea: Area = {
  name: 'reports',
  href: '#/reports',
  title: '数据报告',
  what: '年度、季度、月度数据与图表，每项数据可查到所计案件；下载 HTML、PDF、Excel；关账与更正说明',
  roles: ['statistician', 'auditor', 'city_auditor', 'city_administrator', 'city_statistician'],
  pages: [
    { pattern: '/reports', render: (_, { session }) => <ReportsHomePage session={session} /> },
    { pattern: '/reports/:scopeId/:period', render: ({ scopeId = '', period = '' }, { session }) => <ReportPage scopeId={scopeId} period={period} session={session} /> },
    {
      pattern: '/reports/:districtId/:period/figures/:figure',
      render: ({ districtId = '', period = '', figure = '' }, { session, path }) => <DrillDownPage path={path} districtId={districtId} period={period} figure={figure} auditor={['auditor', 'city_auditor'].includes(session.claims.role)} />,
    },
  ],
};
