import { createPostgresEventStore } from '@bureau/event-store/postgres';
const store = await createPostgresEventStore({ connectionString: 'postgres://postgres:postgres@127.0.0.1:55491/exp' });
for (const round of [1, 2]) {
  let t = performance.now(); let n = 0;
  for await (const _ of store.readAll()) n++;
  console.log(round, 'readAll', n, Math.round(n / ((performance.now() - t) / 1000)), 'ev/s');
  t = performance.now(); n = 0;
  for await (const _ of store.readAll({ filter: { streamCategories: ['workorder'] } })) n++;
  console.log(round, 'readAll filtered', n, Math.round(n / ((performance.now() - t) / 1000)), 'ev/s');
  t = performance.now(); n = 0;
  const sub = store.subscribeToAll();
  for await (const m of sub) { if (m.kind === 'caught-up') break; n++; }
  await sub.close();
  console.log(round, 'subscribe', n, Math.round(n / ((performance.now() - t) / 1000)), 'ev/s');
}
await store.close();
