// How the store's $all filter maps onto the client's server-side subscription filter, and the exact
// check applied to what the server sends.
import { EVENT_TYPE, STREAM_NAME } from '@eventstore/db-client';
import t from 'tap';
import { planFilter } from '../../src/eventstoredb/filter.js';

t.test('no filter: the server leaves out system event types; the check also drops $ streams', async (t) => {
  const plan = planFilter(undefined);
  t.same({ filterOn: plan.server.filterOn, regex: 'regex' in plan.server ? plan.server.regex : undefined }, { filterOn: EVENT_TYPE, regex: '^[^$].*' });
  t.ok(plan.accepts('workOrder-1', 'WorkOrderSigned'));
  t.notOk(plan.accepts('$settings', 'Settings'), 'a $ stream');
  t.notOk(plan.accepts('workOrder-1', '$>'), 'a $ event type');
});

t.test('categories: stream name prefixes on the server, the exact category here', async (t) => {
  const plan = planFilter({ streamCategories: ['workOrder', 'legalAid'] });
  t.same(
    { filterOn: plan.server.filterOn, prefixes: 'prefixes' in plan.server ? plan.server.prefixes : undefined },
    { filterOn: STREAM_NAME, prefixes: ['workOrder', 'legalAid'] },
  );
  t.ok(plan.accepts('workOrder-1', 'Any'), 'category-id');
  t.ok(plan.accepts('workOrder', 'Any'), 'the bare category name');
  t.ok(plan.accepts('legalAid-9-b', 'Any'), 'the category ends at the first dash');
  t.notOk(plan.accepts('workOrderX-1', 'Any'), 'a longer category sharing the prefix');
  t.notOk(plan.accepts('advisorLedger-1', 'Any'), 'another category');
});

t.test('event type prefixes: one to one on the server and here', async (t) => {
  const plan = planFilter({ eventTypePrefixes: ['WorkOrderS', 'Application'] });
  t.same(
    { filterOn: plan.server.filterOn, prefixes: 'prefixes' in plan.server ? plan.server.prefixes : undefined },
    { filterOn: EVENT_TYPE, prefixes: ['WorkOrderS', 'Application'] },
  );
  t.ok(plan.accepts('workOrder-1', 'WorkOrderSigned'));
  t.ok(plan.accepts('legalAid-1', 'ApplicationReceived'));
  t.notOk(plan.accepts('workOrder-1', 'WorkOrderDispatched'));
  t.notOk(plan.accepts('$stats', 'ApplicationStats'), 'never a $ stream');
});
