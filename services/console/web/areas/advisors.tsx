import { ImportPage } from '../pages/advisors/import.js';
import { LedgerPage } from '../pages/advisors/ledger.js';
import { LogServicePage } from '../pages/advisors/log-service.js';
import { MyVillagesPage } from '../pages/advisors/my-villages.js';
import { OnSitePage } from '../pages/advisors/on-site.js';
import { ReviewQueuePage } from '../pages/advisors/review-queue.js';
import type { Area } from './area.js';

export const advisorsArea: Area = {
  name: 'advisors',
  href: '#/advisors',
  title: '村居法律顾问',
  what: '登记服务、更正作废，村（社区）月度台账；司法所审核、退回、通过；导入表格；驻点时长不足',
  roles: ['legal_advisor', 'judicial_office_staff', 'administrator', 'auditor', 'city_auditor', 'city_administrator'],
  pages: [
    { pattern: '/advisors', render: (_, { path, session }) => (session.claims.role === 'legal_advisor' ? <MyVillagesPage /> : <ReviewQueuePage path={path} />) },
    { pattern: '/advisors/log', render: (_, { path }) => <LogServicePage path={path} /> },
    { pattern: '/advisors/import', render: (_, { session }) => <ImportPage session={session} /> },
    { pattern: '/advisors/review', render: (_, { path }) => <ReviewQueuePage path={path} /> },
    { pattern: '/advisors/on-site', render: (_, { path }) => <OnSitePage path={path} /> },
    { pattern: '/advisors/ledger/:villageId/:month', render: ({ villageId = '', month = '' }, { session }) => <LedgerPage villageId={villageId} month={month} session={session} /> },
  ],
};
