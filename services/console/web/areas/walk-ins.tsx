import { WalkInDeskPage } from '../pages/walk-ins/desk.js';
import type { Area } from './area.js';

export const walkInArea: Area = {
  name: 'walk-ins',
  href: '#/walk-ins',
  title: '来访咨询',
  what: '几个按键登记一次来访咨询（人数、事项、答复方式），本月登记与作废，本月人次',
  roles: ['station_clerk', 'centre_staff', 'legal_aid_reviewer', 'legal_aid_head', 'auditor', 'city_auditor', 'city_administrator'],
  pages: [{ pattern: '/walk-ins', render: (_, { path, session }) => <WalkInDeskPage path={path} session={session} /> }],
};
