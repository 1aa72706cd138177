// The benches' floor: a route on the same service that only authenticates (the same roles as the case
// routes) and records the auditor's view, the CaseViewed append every case view makes before it answers.
// What a page costs beyond it is the page's own (the head read, the replay or the kept one, the bytes).
// `?layout=one-stream`: the view appended to the day's one stream instead (the access log's first
// layout, every reader's append queued on that stream's row lock), to compare in the same run.
import { actorOf, type App } from '@bureau/service-kit';
import { caseViewedEvent, recordView } from '../src/access-log/record-view.js';
import { accessLogStreamName } from '../src/events/audit-events.js';
import { CASE_AUDITORS } from '../src/routes/roles.js';

export function addFloorRoute(app: App, workOrderId: string): void {
  app.get('/bench/floor', { config: CASE_AUDITORS }, async (request) => {
    const record = { viewer: actorOf(request), requestId: request.id, caseKind: 'work-order', caseId: workOrderId, owners: ['huadu-plsc'], view: 'history' as const, personalDataFields: [], unmasked: false, at: new Date() };
    if (!request.url.endsWith('layout=one-stream')) await recordView(app.eventStore, record);
    else {
      const { data, event } = caseViewedEvent(record);
      await app.eventStore.appendToStream(accessLogStreamName(data.viewedAt.slice(0, 10)), [event]);
    }
    return { recorded: true };
  });
}
