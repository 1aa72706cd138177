import { AdvisorsPage } from '../pages/admin/advisors.js';
import { CalendarPage } from '../pages/admin/calendar.js';
import { LawyersPage } from '../pages/admin/lawyers.js';
import { OrganisationsPage } from '../pages/admin/organisations.js';
import { ProjectionsPage } from '../pages/admin/projections.js';
import type { Area } from './area.js';

export const adminArea: Area = {
  name: 'admin',
  href: '#/admin/calendar',
  title: '系统管理',
  what: '工作日历（加载新年度、暂计时限），组织机构，律师名册，法律顾问聘任，运行状态与推送失败',
  roles: ['administrator', 'city_administrator'],
  pages: [
    { pattern: '/admin', render: (_, { session }) => <CalendarPage session={session} /> },
    { pattern: '/admin/calendar', render: (_, { session }) => <CalendarPage session={session} /> },
    { pattern: '/admin/organisations', render: (_, { path, session }) => <OrganisationsPage path={path} session={session} /> },
    { pattern: '/admin/lawyers', render: (_, { path, session }) => <LawyersPage path={path} session={session} /> },
    { pattern: '/admin/advisors', render: (_, { path, session }) => <AdvisorsPage path={path} session={session} /> },
    { pattern: '/admin/projections', render: () => <ProjectionsPage /> },
  ],
};
