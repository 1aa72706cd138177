import { DeadLettersPage } from '../pages/hotline/dead-letters.js';
import { HotlineFiguresPage } from '../pages/hotline/figures.js';
import { OrderPage } from '../pages/hotline/order.js';
import { HotlineWorklistPage } from '../pages/hotline/worklist.js';
import type { Area } from './area.js';

export const hotlineArea: Area = {
  name: 'hotline',
  href: '#/hotline',
  title: '12345 工单',
  what: '待办工单按时限排列，签收、答复、申请退单或延期；死信与月度指标',
  // The city's statistician reads the monthly figures only (not the orders): the area opens on them.
  roles: ['centre_staff', 'centre_supervisor', 'auditor', 'administrator', 'city_auditor', 'city_administrator', 'city_statistician'],
  pages: [
    { pattern: '/hotline', render: (_, { path, session }) => (session.claims.role === 'city_statistician' ? <HotlineFiguresPage path={path} worklist={false} /> : <HotlineWorklistPage path={path} />) },
    { pattern: '/hotline/orders/:id', render: ({ id = '' }, { session }) => <OrderPage workOrderId={id} session={session} /> },
    { pattern: '/hotline/dead-letters', render: () => <DeadLettersPage /> },
    { pattern: '/hotline/figures', render: (_, { path }) => <HotlineFiguresPage path={path} /> },
  ],
};
