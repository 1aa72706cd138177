// The benches' floor: a route on the same service that only authenticates (the same roles as the case
// routes) and records the auditor's view, the CaseViewed append every case view makes before it answers
// (the service's access-log writer: concurrent views share one append and commit). What a page costs
// beyond it is the page's own (the freshness read, the replay or the kept one, the bytes).
// `?layout=by-id`: each view appended alone to the shard a hash of its id picks (how the service
// recorded views before the writer: the store's group commit batched them, two batches often sharing a
// shard's row lock); `?layout=one-stream`: alone, to the day's one stream (the access log's first layout).
import type { EventStore } from '@bureau/event-store';
import { actorOf, type App } from '@bureau/service-kit';
import { caseViewedEvent, type ViewRecord } from '../src/access-log/record-view.js';
import { ACCESS_LOG_SHARDS, accessLogShardName, accessLogStreamName } from '../src/events/audit-events.js';
import { CASE_AUDITORS } from '../src/routes/roles.js';

/** FNV-1a (32 bits) of a view's id, as the service picked a view's shard before the writer. */
function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A view appended alone, to the shard its id picks (before the writer), or to the day's one stream. */
export async function recordViewAlone(store: EventStore, record: ViewRecord, layout: 'by-id' | 'one-stream'): Promise<void> {
  const { data, event } = caseViewedEvent(record);
  const day = data.viewedAt.slice(0, 10);
  const stream = layout === 'one-stream' ? accessLogStreamName(day) : accessLogShardName(day, idHash(data.viewId) % ACCESS_LOG_SHARDS);
  await store.appendToStream(stream, [event]);
}

export function addFloorRoute(app: App, workOrderId: string): void {
  app.get('/bench/floor', { config: CASE_AUDITORS }, async (request) => {
    const record = { viewer: actorOf(request), requestId: request.id, caseKind: 'work-order', caseId: workOrderId, owners: ['huadu-plsc'], view: 'history' as const, personalDataFields: [], unmasked: false, at: new Date() };
    const layout = request.url.endsWith('layout=one-stream') ? 'one-stream' : request.url.endsWith('layout=by-id') ? 'by-id' : 'writer';
    if (layout === 'writer') await app.audit.accessLog.record(record);
    else await recordViewAlone(app.eventStore, record, layout);
    return { recorded: true };
  });
}
